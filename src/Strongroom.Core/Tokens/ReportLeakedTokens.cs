using System.Globalization;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Notifications;
using Strongroom.Core.Webhooks;

namespace Strongroom.Core.Tokens;

/// <summary>
/// Kills tokens of ours reported as leaked (by anyone through the public revoke endpoint, by GitHub's
/// secret scanning, or by a sweep): each live one is marked <c>leaked</c> with where it was found, dropped
/// from this node's cache and audited, and its owner gets one notice when it was still live, by email and to each of the owner's webhooks (queued
/// in the outbox by the same save that marks the token). Strings that are not well-formed tokens of ours never reach storage.
/// </summary>
public sealed class ReportLeakedTokens(
    ITokenStore store, VerifyToken verifier, IAuditLog audit, INotificationOutbox outbox, QueueWebhookEvent webhooks, IOptions<TokenOptions> options, TimeProvider time)
{
    /// <summary>What became of one reported string.</summary>
    /// <param name="Ours">A token this hub issued (live or not).</param>
    /// <param name="Killed">It was live, or revoked but not yet marked leaked, and is now marked leaked.</param>
    public sealed record Outcome(bool Ours, bool Killed, string? TokenId);

    /// <summary>The SHA-256 of <paramref name="candidate"/> when it is a well-formed token of ours (prefix and checksum), else null.</summary>
    public byte[]? HashIfOurs(string candidate) =>
        TokenFormat.TryParse(candidate, options.Value.Prefix, out _) ? TokenFormat.Hash(candidate) : null;

    /// <summary>Marks every token of ours among <paramref name="hashes"/> leaked; one outcome per hash, in order.</summary>
    /// <param name="where">Where it leaked, for the owner (a URL, "reported publicly", a repository and path).</param>
    /// <param name="reporter">Who reported it, for the audit log (<c>public</c>, <c>github</c>, <c>sweep</c>).</param>
    public async Task<IReadOnlyList<Outcome>> ExecuteAsync(IReadOnlyList<byte[]> hashes, string where, string reporter, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = await store.FindManyByHashAsync(hashes, cancellationToken).ConfigureAwait(false);
        var byHash = found.ToDictionary(f => Convert.ToHexString(f.Token.Hash), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var outcomes = new List<Outcome>(hashes.Count);
        foreach (var hash in hashes)
        {
            if (!byHash.TryGetValue(Convert.ToHexString(hash), out var entry) || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(entry.Token.Hash, hash))
            {
                outcomes.Add(new Outcome(false, false, null));
                continue;
            }

            var (token, owner) = entry;
            var wasLive = token.Status == TokenStatus.Active && !token.IsExpiredAt(now);
            var killed = token.MarkLeaked(now, where);
            if (killed)
            {
                // Only a token that still worked needs its owner to act; one already revoked is only marked.
                if (owner is not null && wasLive)
                {
                    outbox.Enqueue(LeakNotice.For(token, owner, where, now));
                    await webhooks.ExecuteAsync(owner.Id, WebhookEvents.TokenLeaked, $"token.leak:{token.Id}", TokenLeakedData.For(token, where, now), now, cancellationToken)
                        .ConfigureAwait(false);
                }

                audit.Add(new AuditEvent
                {
                    Action = "token.leak",
                    ActorUserId = token.UserId,
                    TokenId = token.Id,
                    Ip = ip,
                    Target = "token:" + token.Id,
                    Details = new Dictionary<string, string>
                    {
                        ["reporter"] = reporter,
                        ["where"] = where.Length > 200 ? where[..200] : where,
                        ["wasLive"] = wasLive.ToString(CultureInfo.InvariantCulture).ToLowerInvariant(),
                    },
                });
                await store.UpdateAsync(token, cancellationToken).ConfigureAwait(false); // the mark and its event, one commit
                verifier.Forget(token.Hash);
            }

            outcomes.Add(new Outcome(true, killed, token.Id));
        }

        return outcomes;
    }
}
