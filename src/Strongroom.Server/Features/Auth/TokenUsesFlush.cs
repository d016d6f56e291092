using Strongroom.Core.Tokens;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Auth;

/// <summary>Writes what <see cref="TokenUses"/> noted, every <see cref="Interval"/> and when the host stops.</summary>
public sealed partial class TokenUsesFlush(TokenUses uses, IServiceScopeFactory scopes, TimeProvider time, ILogger<TokenUsesFlush> logger)
    : PeriodicFlush(Interval, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Writes the pending uses now, one statement per token; returns how many tokens were written.</summary>
    public override async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var pending = uses.Drain();
        if (pending.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<ITokenStore>();
        foreach (var (tokenId, use) in pending)
        {
            await tokens.TouchAsync(tokenId, use.At, use.IpText, cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing tokens' last use failed; those uses are not recorded")]
    protected override partial void LogFlushFailed(Exception exception);
}
