using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;
using Strongroom.Server.Features.Audit;
using Strongroom.Server.Hosting;

namespace Strongroom.Audit.Benchmarks;

/// <summary>
/// The whole server in this process (<see cref="StrongroomApp.Build"/>, Kestrel on loopback), on a fresh
/// data directory, with the audit chain on, or off: events written as the same rows without their MAC, and
/// no sealer. Everything else is the server a newcomer runs.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly string? _postgres;

    private BenchHub(WebApplication app, string directory, Uri address, string? postgres)
    {
        _app = app;
        _directory = directory;
        _postgres = postgres;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>On SQLite, or on a new database of <paramref name="postgresServer"/>, dropped afterwards.</summary>
    public static async Task<BenchHub> StartAsync(string? postgresServer, SqliteSynchronous synchronous, bool chain)
    {
        var postgres = postgresServer is null ? null : await BenchDatabase.CreatePostgresAsync(postgresServer);
        var directory = Path.Combine(Path.GetTempPath(), "strongroom-request-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // wrk hangs up at the end of each run, and the requests it leaves waiting at SQLite's write gate are
        // cancelled there: EF logs each as a transaction error. Nothing else in that category is expected here.
        List<string> args = ["--Server:DataDirectory", directory, "--urls", address.ToString(), "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Transaction", "Critical", "--Database:SqliteSynchronous", synchronous.ToString()];
        if (postgres is not null)
        {
            args.AddRange(["--Database:ConnectionString", postgres]);
        }

        var app = StrongroomApp.Build([.. args], builder =>
        {
            if (!chain)
            {
                Unchain(builder.Services);
            }
        });
        await StrongroomApp.PrepareAsync(app);
        await app.StartAsync();
        return new BenchHub(app, directory, address, postgres);
    }

    /// <summary>A port nothing listens on now, from the system (a random one once collided with a client connection's).</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The chain off: the same audit rows, without their MAC, and nothing sealing them.</summary>
    private static void Unchain(IServiceCollection services)
    {
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AuditSealJob)));
        services.AddScoped<IAuditLog, UnchainedAuditLog>();
        services.AddSingleton<UnchainedAppender>();
    }

    /// <summary>The first admin's signed-in client.</summary>
    public async Task<HttpClient> AdminAsync() =>
        await SignInAsync("admin", (await File.ReadAllTextAsync(Path.Combine(_directory, "initial-admin-password"))).Trim());

    /// <summary>A client with <paramref name="username"/>'s session cookie and CSRF token.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Add("X-CSRF-Token", body.GetProperty("csrfToken").GetString());
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        return client;
    }

    public static async Task<string> PostForAsync(HttpClient client, string path, object body, string field)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
        }

        return field.Length == 0 ? "" : JsonDocument.Parse(text).RootElement.GetProperty(field).GetString()!;
    }

    /// <summary>The transactions of events written on their own so far, and the time their writer spent on them.</summary>
    public (long Batches, TimeSpan Busy) Writer() => _app.Services.GetService<UnchainedAppender>() is { } unchained
        ? (unchained.Queue.Batches, unchained.Queue.Busy)
        : (_app.Services.GetRequiredService<AuditAppender>().Batches, _app.Services.GetRequiredService<AuditAppender>().Busy);

    /// <summary>Audit rows in the table.</summary>
    public async Task<long> EventsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(
            scope.ServiceProvider.GetRequiredService<StrongroomDb>().AuditEvents);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        if (_postgres is not null)
        {
            await BenchDatabase.DropPostgresAsync(_postgres);
        }
    }
}
