using Microsoft.Extensions.Options;

namespace Strongroom.Server.Features.Kms;

/// <summary>
/// Runs a <see cref="KeyRewrapper"/> pass at start, whenever one is requested (a rotation), and every
/// <see cref="KmsRewrapOptions.RewrapInterval"/>. A failed pass is logged and retried at the next wake-up.
/// </summary>
public sealed partial class KeyRewrapJob(KeyRewrapper rewrapper, IOptions<KmsRewrapOptions> options, TimeProvider time, ILogger<KeyRewrapJob> logger) : BackgroundService
{
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the job has finished its pass and waits for a request or its interval: from then on it moves nothing until one comes.</summary>
    internal Task WhenIdleAsync() => Volatile.Read(ref _idle).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start at once; the first pass runs on the thread pool.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await rewrapper.RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
            }

            Volatile.Read(ref _idle).TrySetResult();
            await rewrapper.Requests.WaitAsync(options.Value.RewrapInterval, time, stoppingToken).ConfigureAwait(false);
            Volatile.Write(ref _idle, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "KMS rewrap pass failed; it runs again at the next request or interval")]
    private partial void LogPassFailed(Exception exception);
}
