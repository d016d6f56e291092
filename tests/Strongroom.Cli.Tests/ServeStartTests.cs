using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Strongroom.Cli.Tests;

/// <summary>
/// <c>strongroom serve</c> as a child process, as a person starts it: what a good start prints at the
/// default log level, and the one line and exit code 2 of a start that cannot work.
/// </summary>
public sealed class ServeStartTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("strongroom-serve-").FullName;

    [Fact]
    public async Task Serve_FirstStartDefaultLogLevel_PrintsExactlyUrlPasswordFileAndSignIn()
    {
        using var server = Start("serve", "--urls", "http://127.0.0.1:0", "--data", "./.strongroom");
        var stdout = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);
        while (stdout.Count < 3 && await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            stdout.Add(line);
        }

        // A request and a stop, so that anything logged lazily or at shutdown would show too.
        var url = stdout[0]["Strongroom is listening on ".Length..];
        using (var http = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
        }

        server.Kill();
        await server.WaitForExitAsync();
        stdout.AddRange((await server.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var stderr = await server.StandardError.ReadToEndAsync();

        Assert.Equal(3, stdout.Count);
        Assert.Matches(@"^Strongroom is listening on http://127\.0\.0\.1:\d+$", stdout[0]);
        Assert.Equal("The first admin is 'admin'; its one-time password is in .strongroom/initial-admin-password (mode 0600).", stdout[1]);
        Assert.Equal("Sign in from a second terminal: ./strongroom login --username admin --password-stdin < .strongroom/initial-admin-password", stdout[2]);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Serve_DebugLogLevel_ShowsTheMigrationsApplied()
    {
        using var server = Start("serve", "--urls", "http://127.0.0.1:0", "--data", "./.strongroom", "--Logging:LogLevel:Default", "Debug");
        var stdout = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            stdout.Add(line);
            if (line.StartsWith("Strongroom is listening on ", StringComparison.Ordinal))
            {
                break;
            }
        }

        server.Kill();
        await server.WaitForExitAsync();

        var applying = stdout.FindIndex(l => l.Contains("Applying migration '", StringComparison.Ordinal));
        Assert.True(applying > 0, string.Join('\n', stdout));
        Assert.StartsWith("dbug: Microsoft.EntityFrameworkCore.Migrations", stdout[applying - 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineNamingPortAndUrlsExitsTwo()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, stdout, stderr) = await RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--data", "./.strongroom");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_DataDirectoryUnderAFile_OneLineNamingDataExitsTwo()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "not-a-directory"), "");

        var (exitCode, stdout, stderr) = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--data", "not-a-directory/data");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: The data directory ", line, StringComparison.Ordinal);
        Assert.Contains("not-a-directory/data", line, StringComparison.Ordinal);
        Assert.Contains("--data", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BrokenAppsettings_OneLineNamingFileAndPlaceExitsTwo()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.json"), "{ \"Server\": { \"DataDirectory\": \"d\" ");

        var (exitCode, stdout, stderr) = await RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("appsettings.json", line, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadSettingValue_OneLineNamingKeyExitsTwo()
    {
        var (exitCode, _, stderr) = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--data", "./.strongroom", "--Server:MaxRequestBodyBytes", "lots");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Server:MaxRequestBodyBytes", line, StringComparison.Ordinal);
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "strongroom.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STRONGROOM", StringComparison.Ordinal) || k.StartsWith("Logging", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["STRONGROOM__Passwords__MemoryKiB"] = "8192"; // test speed only
        start.Environment["STRONGROOM__Passwords__Iterations"] = "1";
        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        return await ChildProcess.WaitAsync(process, Patience, "serve " + string.Join(' ', args));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp directory; cleanup must not fail the test.
        }
    }
}
