using Strongroom.Core.Audit;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Access;

/// <summary>Writes what <see cref="AnonymousDenials"/> counted, every <see cref="Interval"/> and when the host stops.</summary>
public sealed partial class AnonymousDenialsFlush(AnonymousDenials denials, IServiceScopeFactory scopes, TimeProvider time, ILogger<AnonymousDenialsFlush> logger)
    : PeriodicFlush(Interval, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Writes the pending events now; returns how many.</summary>
    public override async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var events = denials.Drain();
        if (events.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        foreach (var auditEvent in events)
        {
            await audit.WriteAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        }

        return events.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the anonymous denials to the audit log failed; they are dropped")]
    protected override partial void LogFlushFailed(Exception exception);
}
