using Microsoft.Extensions.Options;
using Strongroom.Data.Audit;

namespace Strongroom.Server.Features.Audit;

/// <summary>
/// The node's audit writer: seals committed events into the chain as soon as a save wakes it (or every
/// second, for events no save announced: a node that stopped before sealing its own), then signs the head
/// when <see cref="AuditOptions.CheckpointEvery"/> events or <see cref="AuditOptions.CheckpointInterval"/> have
/// passed. Every node runs one; the head lock keeps their turns in order and one checkpoint per size.
/// </summary>
public sealed partial class AuditSealJob(AuditSealer sealer, AuditCheckpointer checkpointer, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<AuditSealJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var poll = options.Value.CheckpointInterval < TimeSpan.FromSeconds(1) ? options.Value.CheckpointInterval : TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await checkpointer.WriteIfDueAsync(force: false, stoppingToken).ConfigureAwait(false); // seals first
                await sealer.WaitForWorkAsync(poll, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSealFailed(ex);
                await Task.Delay(poll, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sealing audit events or writing a checkpoint failed; it is tried again in a second (the events are kept)")]
    private partial void LogSealFailed(Exception exception);
}
