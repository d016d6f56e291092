using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a loopback port (Kestrel) that keeps every POST it receives, raw body and headers,
/// per path; each path answers 200 unless told otherwise.
/// </summary>
public sealed class TestWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, int> _status = new(StringComparer.Ordinal);

    private TestWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>One request as it arrived.</summary>
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<TestWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestWebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var path = context.Request.Path.Value ?? "";
            receiver._received.Enqueue(new Received(path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                buffer.ToArray()));
            return Results.StatusCode(receiver._status.GetValueOrDefault(path, 200));
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Urls.First());
        return receiver;
    }

    /// <summary>A fresh path on this receiver, as an absolute URL to register.</summary>
    public string NewUrl() => new Uri(BaseAddress, "/hook/" + Guid.NewGuid().ToString("N")).ToString();

    /// <summary>What <paramref name="url"/>'s path answers from now on.</summary>
    public void Answer(string url, int status) => _status[new Uri(url).AbsolutePath] = status;

    public IReadOnlyList<Received> For(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return _received.Where(r => r.Path == path).ToList();
    }

    /// <summary>Waits until <paramref name="url"/> received at least <paramref name="count"/> requests, or the time is up.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(string url, int count = 1, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until && For(url).Count < count)
        {
            await Task.Delay(50);
        }

        return For(url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
