using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>A real SMTP server on a loopback port (the SmtpServer library) that keeps every message it receives.</summary>
/// <remarks>
/// The library binds its own listener, so the port is found free first and bound a moment later: another
/// socket of the suite (an outgoing connection's ephemeral port) can take it in between. The constructor
/// returns once the server answers its greeting on the port, on a new port when the bind failed.
/// </remarks>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public TestSmtpServer()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = new SmtpServerOptionsBuilder()
                .ServerName("localhost")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
                .Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(_store);
            _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
            if (Greets(_running, Port) || attempt == 5)
            {
                return;
            }
        }
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    /// <summary>Server settings that send mail here.</summary>
    public IDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "security@hub.test",
    };

    /// <summary>Waits until at least <paramref name="count"/> messages match, or the time is up.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until && Messages.Count(match) < count)
        {
            await Task.Delay(50);
        }

        return Messages.Where(match).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Whether this server (not another socket on the port) answers with its greeting within a few seconds.</summary>
    private static bool Greets(Task running, int port)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < until && !running.IsCompleted)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var reader = new StreamReader(client.GetStream());
                client.ReceiveTimeout = 2000;
                if (reader.ReadLine()?.StartsWith("220 localhost", StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                Thread.Sleep(20); // not listening yet
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
