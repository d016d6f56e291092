using Microsoft.Extensions.Options;

namespace Strongroom.Server.Features.Kms;

/// <summary>
/// Runs a <see cref="KeyRewrapper"/> pass at start, whenever one is requested (a rotation), and every
/// <see cref="KmsRewrapOptions.RewrapInterval"/>. A failed pass is logged and retried at the next wake-up.
/// </summary>
public sealed partial class KeyRewrapJob(KeyRewrapper rewrapper, IOptions<KmsRewrapOptions> options, TimeProvider time, ILogger<KeyRewrapJob> logger) : BackgroundService
{
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

            await rewrapper.Requests.WaitAsync(options.Value.RewrapInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "KMS rewrap pass failed; it runs again at the next request or interval")]
    private partial void LogPassFailed(Exception exception);
}
