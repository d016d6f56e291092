using Strongroom.Core.Audit;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Writes the tokens' first uses per address and day that <see cref="TokenUses"/> noted as <c>token.use</c>
/// audit events, all of a pass in one commit, every <see cref="TokenUsesFlush.Interval"/> and when the host stops.
/// </summary>
public sealed partial class TokenFirstUsesFlush(TokenUses uses, IServiceScopeFactory scopes, TimeProvider time, ILogger<TokenFirstUsesFlush> logger)
    : PeriodicFlush<IReadOnlyList<TokenUses.FirstUse>>(TokenUsesFlush.Interval, scopes, time)
{
    protected override IReadOnlyList<IReadOnlyList<TokenUses.FirstUse>> Drain() => uses.DrainFirstUses() is { Count: > 0 } first ? [first] : [];

    protected override Task WriteAsync(IServiceProvider services, IReadOnlyList<TokenUses.FirstUse> item, CancellationToken cancellationToken) =>
        services.GetRequiredService<IAuditLog>().WriteAsync(item.Select(use => new AuditEvent
        {
            Action = "token.use",
            ActorUserId = use.OwnerUserId,
            TokenId = use.TokenId,
            Ip = use.Ip?.ToString() ?? "unknown",
            UserAgent = use.UserAgent,
            Target = "token:" + use.TokenId,
            Details = new Dictionary<string, string>
            {
                ["first"] = "day-and-address",
                ["day"] = use.At.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            },
        }).ToList(), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing tokens' first uses to the audit log failed; those events are not recorded")]
    protected override partial void LogFlushFailed(Exception exception);
}
