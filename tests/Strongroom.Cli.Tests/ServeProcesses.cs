using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Strongroom.Data;

namespace Strongroom.Cli.Tests;

/// <summary>
/// Real <c>strongroom serve</c> child processes over one data directory (SQLite, or a fresh PostgreSQL
/// database): start, SIGKILL, start again, and read the database directly. Crash tests share it.
/// </summary>
public sealed class ServeProcesses : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    private readonly List<Process> _processes = [];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "strongroom-crash-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The PostgreSQL connection string when <see cref="UsePostgresAsync"/> was called; SQLite otherwise.</summary>
    public string? Postgres { get; private set; }

    /// <summary>Runs the servers on a fresh database of the cluster test.sh starts (<c>STRONGROOM_TEST_POSTGRES</c>).</summary>
    public async Task UsePostgresAsync()
    {
        var name = "sr_crash_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(BaseConnection());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        Postgres = new NpgsqlConnectionStringBuilder(BaseConnection()) { Database = name }.ConnectionString;
    }

    /// <summary>Starts a server with these extra settings and returns it with the URL it listens on.</summary>
    public async Task<(Process Process, Uri Url)> StartAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "strongroom.dll"), "serve", "--urls", "http://127.0.0.1:0", "--data", DataDirectory,
            "--Passwords:MemoryKiB", "8192", "--Passwords:Iterations", "1", "--Logging:LogLevel:Default", "Warning",
        ];
        if (Postgres is not null)
        {
            args = [.. args, "--database", Postgres];
        }

        foreach (var argument in args.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        _processes.Add(process);
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string Marker = "listening on ";
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync();
                return (process, new Uri(line[(at + Marker.Length)..].Trim() + "/"));
            }
        }

        lock (errors)
        {
            throw new InvalidOperationException("The server did not start: " + errors);
        }
    }

    /// <summary>A client signed in as the first admin, with its CSRF header.</summary>
    public async Task<HttpClient> SignInAdminAsync(Uri url)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };
        var password = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "initial-admin-password"))).Trim();
        var login = await JsonAsync(await client.PostAsJsonAsync("api/auth/login", new { username = "admin", password }));
        client.DefaultRequestHeaders.Add("X-CSRF-Token", login.GetProperty("csrfToken").GetString());
        return client;
    }

    public StrongroomDb OpenDb() => Postgres is not null
        ? new PostgresStrongroomDb(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(Postgres).Options)
        : new SqliteStrongroomDb(new DbContextOptionsBuilder<SqliteStrongroomDb>()
            .UseSqlite($"Data Source={Path.Combine(DataDirectory, "strongroom.db")};Foreign Keys=True").Options);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(BaseConnection());
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(Postgres).Database} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp; a leftover directory must not fail the run.
        }
    }

    private static string BaseConnection() =>
        Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("STRONGROOM_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");
}
