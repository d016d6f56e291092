using System.Threading.Channels;

namespace Strongroom.Server.Hosting;

/// <summary>
/// How a background job sleeps between passes: until someone asks for a pass (<see cref="Wake"/>), the
/// interval is up, or the host stops. Wake-ups while a pass runs collapse into one.
/// </summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _requests.Writer.TryWrite(true);

    /// <summary>Returns when woken, after <paramref name="interval"/> on <paramref name="time"/>'s clock, or when <paramref name="stoppingToken"/> fires.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(interval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await _requests.Reader.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The interval is up, or the host is stopping (the caller's loop checks which).
        }
    }
}
