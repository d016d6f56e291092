using System.Net.Http.Json;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Strongroom.Data;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// A real Strongroom server on a loopback port, on SQLite in a temp dir or on a fresh PostgreSQL database,
/// with a controllable clock and every log line captured.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _postgres;
    private readonly ConcurrentQueue<string> _contexts;

    private TestServer(WebApplication app, string dataDirectory, string? postgres, CapturingLoggerProvider logs, FakeTimeProvider time, DbProvider provider, KmsProvider kms,
        ConcurrentQueue<string> contexts)
    {
        _app = app;
        _contexts = contexts;
        _postgres = postgres;
        DataDirectory = dataDirectory;
        Logs = logs;
        Time = time;
        Provider = provider;
        Kms = kms;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public CapturingLoggerProvider Logs { get; }
    public FakeTimeProvider Time { get; }
    public DbProvider Provider { get; }
    public KmsProvider Kms { get; }

    /// <summary>The PostgreSQL connection string of this server's own database; null on SQLite.</summary>
    public string? PostgresConnectionString => _postgres;
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// The request paths that a database context was handed out to (leased from the pool), in order; background
    /// jobs' leases are not listed.
    /// </summary>
    public IReadOnlyList<string> ContextLeases => [.. _contexts];

    public static async Task<TestServer> StartAsync(DbProvider provider, IDictionary<string, string>? settings = null, KmsProvider kms = KmsProvider.Local)
    {
        if (kms == KmsProvider.Pkcs11)
        {
            settings = new Dictionary<string, string>(TestPkcs11.Settings().Concat(settings ?? new Dictionary<string, string>()));
        }

        SqlStatements.Start();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "strongroom-test-" + Guid.NewGuid().ToString("N")[..12]);
        var postgres = provider == DbProvider.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Server:DataDirectory", dataDirectory,
            // Cheap Argon2 keeps the suite fast; production defaults are tested in Core.
            "--Passwords:MemoryKiB", "8192", "--Passwords:Iterations", "1",
            "--Logging:LogLevel:Default", "Trace",
        };
        if (postgres is not null)
        {
            args.AddRange(["--Database:ConnectionString", postgres]);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            args.AddRange(["--" + key, value]);
        }

        var logs = new CapturingLoggerProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        var contexts = new ConcurrentQueue<string>();
        var app = StrongroomApp.Build(args.ToArray(), builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
            CountContexts(builder.Services, contexts);
        });
        await StrongroomApp.PrepareAsync(app);
        await app.StartAsync();
        var server = new TestServer(app, dataDirectory, postgres, logs, time, provider, kms, contexts);
        await server.ReplaceOneTimeAdminPasswordAsync();
        return server;
    }

    /// <summary>Notes the request path of every resolution of the scoped context (the pool's lease), by wrapping its registration.</summary>
    private static void CountContexts(IServiceCollection services, ConcurrentQueue<string> contexts)
    {
        services.AddHttpContextAccessor();
        var leased = services.Last(d => d.ServiceType == typeof(StrongroomDb));
        var lease = leased.ImplementationFactory ?? throw new InvalidOperationException("StrongroomDb is expected to come from the context pool's factory");
        services.Replace(ServiceDescriptor.Describe(typeof(StrongroomDb), provider =>
        {
            if (provider.GetRequiredService<IHttpContextAccessor>().HttpContext is { } request && request.RequestServices == provider)
            {
                contexts.Enqueue(request.Request.Path.Value ?? "");
            }

            return lease(provider);
        }, leased.Lifetime));
    }

    /// <summary>The first admin's one-time password, as written to the data directory (the file goes once it is replaced).</summary>
    public string InitialAdminPassword { get; private set; } = "";

    /// <summary>The admin's password once the fixture replaced the one-time one (as an operator must).</summary>
    public string AdminPassword { get; private set; } = "";

    private async Task ReplaceOneTimeAdminPasswordAsync()
    {
        InitialAdminPassword = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, FirstAdmin.FileName))).Trim();
        using var admin = await SignInAsync("admin", InitialAdminPassword);
        var replacement = "admin-" + Guid.NewGuid().ToString("N");
        var response = await admin.PostAsJsonAsync("/api/auth/password", new { currentPassword = InitialAdminPassword, newPassword = replacement });
        response.EnsureSuccessStatusCode();
        AdminPassword = replacement;
    }

    public HttpClient NewClient(string? bearer = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A client signed in with a session cookie, sending the CSRF token on every request.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        client.DefaultRequestHeaders.Add("X-CSRF-Token", body.GetProperty("csrfToken").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
