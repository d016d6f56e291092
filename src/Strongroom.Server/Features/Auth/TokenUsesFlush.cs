using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Writes what <see cref="TokenUses"/> noted (one statement per token, all of a pass in one transaction), every
/// <see cref="Interval"/> and when the host stops. One transaction: on SQLite every commit takes the single
/// writer's lock and syncs the log, and a request that wants to write meanwhile is refused with SQLITE_BUSY,
/// which Microsoft.Data.Sqlite retries after sleeping its thread for 150 ms; one commit a pass instead of one a
/// token keeps that window small whatever the number of tokens in use.
/// </summary>
public sealed partial class TokenUsesFlush(TokenUses uses, IServiceScopeFactory scopes, TimeProvider time, ILogger<TokenUsesFlush> logger)
    : PeriodicFlush<KeyValuePair<string, TokenUses.Use>>(Interval, scopes, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override IReadOnlyList<KeyValuePair<string, TokenUses.Use>> Drain() => uses.Drain();

    protected override Task WriteAsync(IServiceProvider services, KeyValuePair<string, TokenUses.Use> item, CancellationToken cancellationToken) =>
        services.GetRequiredService<ITokenStore>().TouchAsync(item.Key, item.Value.At, item.Value.IpText, cancellationToken);

    protected override async Task WriteAllAsync(IServiceProvider services, IReadOnlyList<KeyValuePair<string, TokenUses.Use>> items, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<StrongroomDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await base.WriteAllAsync(services, items, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing tokens' last use failed; those uses are not recorded")]
    protected override partial void LogFlushFailed(Exception exception);
}
