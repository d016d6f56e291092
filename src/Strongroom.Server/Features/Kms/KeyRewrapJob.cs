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

            await WaitForWakeUpAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForWakeUpAsync(CancellationToken stoppingToken)
    {
        using var interval = new CancellationTokenSource(options.Value.RewrapInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(interval.Token, stoppingToken);
        try
        {
            await rewrapper.Requests.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The interval is up, or the host is stopping (the loop checks which).
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "KMS rewrap pass failed; it runs again at the next request or interval")]
    private partial void LogPassFailed(Exception exception);
}
