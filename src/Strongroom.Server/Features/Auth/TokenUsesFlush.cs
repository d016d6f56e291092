using Strongroom.Core.Tokens;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Auth;

/// <summary>Writes what <see cref="TokenUses"/> noted (one statement per token), every <see cref="Interval"/> and when the host stops.</summary>
public sealed partial class TokenUsesFlush(TokenUses uses, IServiceScopeFactory scopes, TimeProvider time, ILogger<TokenUsesFlush> logger)
    : PeriodicFlush<KeyValuePair<string, TokenUses.Use>>(Interval, scopes, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override IReadOnlyList<KeyValuePair<string, TokenUses.Use>> Drain() => uses.Drain();

    protected override Task WriteAsync(IServiceProvider services, KeyValuePair<string, TokenUses.Use> item, CancellationToken cancellationToken) =>
        services.GetRequiredService<ITokenStore>().TouchAsync(item.Key, item.Value.At, item.Value.IpText, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing tokens' last use failed; those uses are not recorded")]
    protected override partial void LogFlushFailed(Exception exception);
}
