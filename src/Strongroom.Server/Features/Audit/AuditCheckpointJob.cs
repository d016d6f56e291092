using Microsoft.Extensions.Options;

namespace Strongroom.Server.Features.Audit;

/// <summary>
/// Looks at the chain head every second (or every <see cref="AuditOptions.CheckpointInterval"/> if shorter)
/// and signs it when <see cref="AuditOptions.CheckpointEvery"/> events or the interval have passed. Every
/// node may run it: the head lock makes one checkpoint per size, each chained to the one before.
/// </summary>
public sealed partial class AuditCheckpointJob(AuditCheckpointer checkpointer, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCheckpointJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var period = options.Value.CheckpointInterval < TimeSpan.FromSeconds(1) ? options.Value.CheckpointInterval : TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await checkpointer.WriteIfDueAsync(force: false, stoppingToken).ConfigureAwait(false);
                await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCheckpointFailed(ex);
                await Task.Delay(period, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing an audit checkpoint failed; it is tried again in a second")]
    private partial void LogCheckpointFailed(Exception exception);
}
