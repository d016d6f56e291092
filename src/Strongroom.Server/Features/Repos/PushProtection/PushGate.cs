using System.Globalization;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;
using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;
using Strongroom.Server.Features.Repos;

namespace Strongroom.Server.Features.Repos.PushProtection;

/// <summary>
/// The one push-protection gate, for the commit API and for <c>git push</c> alike. It is handed the
/// findings of what a write adds (never the whole repository) and decides:
/// a live token of ours refuses the write, with no bypass (the token is not revoked: it never became
/// public); other high-confidence secrets are refused, warned about or let through as the repository's
/// <see cref="SecretsPushProtection"/> says, and a refusal yields to a bypass reason. Every block, bypass
/// and warning is an audit event naming the rule, place and fingerprint, never the secret.
/// </summary>
public sealed class PushGate(ScanEngine engine, ReportLeakedTokens leaks, ITokenStore tokens, IAuditLog audit, TimeProvider time)
{
    private const int MaxListed = 20;

    /// <summary>Scans one piece of new content, adding what it finds to <paramref name="findings"/> (safe from several threads at once).</summary>
    public void Scan(Stream content, string path, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var found = new List<Finding>();
        engine.Scan(content, path, found);
        Keep(found, findings);
    }

    private static void Keep(List<Finding> found, ICollection<Finding> findings)
    {
        if (found.Count == 0)
        {
            return;
        }

        lock (findings)
        {
            foreach (var finding in found)
            {
                findings.Add(finding);
            }
        }
    }

    /// <summary>Whether findings depend on paths, so that content must not be scanned before its path is known.</summary>
    public bool ReadsPaths => engine.ReadsPaths;

    /// <summary>
    /// Scans one new blob held in memory, whole or, when its delta base was scanned, around what changed from it
    /// (safe from several threads at once); returns whether it was scanned as text (not skipped as binary).
    /// </summary>
    public bool ScanChanged(ReadOnlySpan<byte> content, ReadOnlySpan<(int Start, int End)> changes, bool whole, string path, ICollection<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var found = new List<Finding>();
        var scanned = engine.ScanChanged(content, whole ? [(0, content.Length)] : changes, path, found);
        Keep(found, findings);
        return scanned >= 0;
    }

    public async Task<PushDecision> DecideAsync(HttpContext context, Repository repo, IReadOnlyList<Finding> findings, string? bypassReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(findings);
        // Scanned in parallel, found in any order: listed and audited by place.
        findings = [.. findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal)];
        var live = await LiveTokensAsync(findings, cancellationToken).ConfigureAwait(false);
        var setting = repo.EffectivePushProtection;
        var secrets = setting == SecretsPushProtection.Off
            ? []
            : findings.Where(f => f.RuleId != "strongroom-token" && f.Confidence >= Confidence.High).ToList();

        if (live.Count > 0)
        {
            await AuditAsync(context, repo, "push.block", live, "live-token", cancellationToken).ConfigureAwait(false);
            var lines = new List<string> { "Push refused: the new content holds a live access token of this hub." };
            lines.AddRange(Listed(live));
            lines.Add("Rotate the token (strongroom tokens rotate ID, or Settings > Tokens), remove it from the file, and push again.");
            lines.Add("It was not revoked: it never became public. A live token cannot be pushed with a bypass.");
            return new PushDecision(false, lines);
        }

        if (secrets.Count == 0)
        {
            return new PushDecision(true, []);
        }

        if (setting == SecretsPushProtection.Warn)
        {
            await AuditAsync(context, repo, "push.warn", secrets, null, cancellationToken).ConfigureAwait(false);
            var warning = new List<string> { "Warning: the new content holds secrets; accepted because this repository only warns (secretsPushProtection: warn)." };
            warning.AddRange(Listed(secrets));
            warning.Add("Revoke them where they were issued and remove them.");
            return new PushDecision(true, warning);
        }

        if (BypassReasons.IsValid(bypassReason))
        {
            await AuditAsync(context, repo, "push.bypass", secrets, bypassReason, cancellationToken).ConfigureAwait(false);
            var bypassed = new List<string> { $"Secrets accepted with the bypass reason '{bypassReason}' (recorded in the audit log):" };
            bypassed.AddRange(Listed(secrets));
            return new PushDecision(true, bypassed);
        }

        await AuditAsync(context, repo, "push.block", secrets, "secret", cancellationToken).ConfigureAwait(false);
        var refused = new List<string> { "Push refused: the new content holds secrets (this repository blocks them: secretsPushProtection: block)." };
        refused.AddRange(Listed(secrets));
        refused.Add("Remove them and push again. If they are not secrets, or must stay, give a reason: "
            + $"git push -o {BypassReasons.Name}=<reason>, or ?{BypassReasons.Name}=<reason> on the commit API, with <reason> one of {string.Join(", ", BypassReasons.All)}.");
        return new PushDecision(false, refused);
    }

    private async Task<List<Finding>> LiveTokensAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var ours = findings.Where(f => f.RuleId == "strongroom-token").Select(f => (Finding: f, Hash: leaks.HashIfOurs(f.Secret))).Where(f => f.Hash is not null).ToList();
        if (ours.Count == 0)
        {
            return [];
        }

        var found = await tokens.FindManyByHashAsync(ours.Select(o => o.Hash!).ToList(), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var live = found.Where(f => f.Token.StatusWord(now) == "active").Select(f => Convert.ToHexString(f.Token.Hash)).ToHashSet(StringComparer.Ordinal);
        return [.. ours.Where(o => live.Contains(Convert.ToHexString(o.Hash!))).Select(o => o.Finding)];
    }

    private static IEnumerable<string> Listed(List<Finding> findings)
    {
        foreach (var finding in findings.Take(MaxListed))
        {
            var encoded = finding.Encoding is null ? "" : $", {finding.Encoding}-encoded";
            yield return string.Create(CultureInfo.InvariantCulture, $"  {finding.Path}:{finding.Line}  rule {finding.RuleId} ({finding.Description}{encoded})");
        }

        if (findings.Count > MaxListed)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  ... and {findings.Count - MaxListed} more");
        }
    }

    private async Task AuditAsync(HttpContext context, Repository repo, string action, List<Finding> findings, string? reason, CancellationToken cancellationToken)
    {
        var events = findings.DistinctBy(f => (f.Path, f.Line, f.RuleId, f.Fingerprint)).Select(finding =>
        {
            var details = new Dictionary<string, string>
            {
                ["path"] = finding.Path,
                ["line"] = finding.Line.ToString(CultureInfo.InvariantCulture),
                ["rule"] = finding.RuleId,
                ["fingerprint"] = finding.Fingerprint,
            };
            if (reason is not null)
            {
                details["reason"] = reason;
            }

            return RepoAuditEvents.For(context, action, repo, details, action == "push.block" ? AuditOutcome.Denied : AuditOutcome.Success);
        }).ToList();

        // One commit for the whole write, however many findings it has (a secret scanner's own test data has thousands).
        await audit.WriteAsync(events, cancellationToken).ConfigureAwait(false);
    }
}
