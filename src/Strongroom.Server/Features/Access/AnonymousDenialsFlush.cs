using Strongroom.Core.Audit;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Access;

/// <summary>Writes what <see cref="AnonymousDenials"/> counted, every <see cref="Interval"/> and when the host stops.</summary>
public sealed partial class AnonymousDenialsFlush(AnonymousDenials denials, IServiceScopeFactory scopes, TimeProvider time, ILogger<AnonymousDenialsFlush> logger)
    : PeriodicFlush<AuditEvent>(Interval, scopes, time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override IReadOnlyList<AuditEvent> Drain() => denials.Drain();

    protected override Task WriteAsync(IServiceProvider services, AuditEvent item, CancellationToken cancellationToken) =>
        services.GetRequiredService<IAuditLog>().WriteAsync(item, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the anonymous denials to the audit log failed; they are dropped")]
    protected override partial void LogFlushFailed(Exception exception);
}
