using System.Text.Json;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Tests;

/// <summary>One test's CLI: its own config directory and environment, run in process against the fixture's server.</summary>
public sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string?> _environment;

    public CliHarness(ServerFixture server)
    {
        Server = server;
        ConfigDirectory = Path.Combine(Path.GetTempPath(), "strongroom-cli-config-" + Guid.NewGuid().ToString("N"));
        _environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["STRONGROOM_CONFIG_DIR"] = ConfigDirectory,
            ["STRONGROOM_SERVER"] = server.Url,
        };
    }

    public ServerFixture Server { get; }

    public string ConfigDirectory { get; }

    /// <summary>Who this CLI signs in as, when a test made a user of its own.</summary>
    public string? Username { get; init; }

    public string SessionFile => Path.Combine(ConfigDirectory, SessionStore.FileName);

    /// <summary>The clock the CLI reads (renewals, grace periods); a fake one lets a test move time.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Set to simulate a terminal: receives (prompt, echo) and answers as the person would.</summary>
    public Func<string, bool, string?>? Prompt { get; set; }

    public Task<CliResult> RunAsync(string[] args, string stdin = "") => RunAsync(args, stdin, CancellationToken.None);

    /// <summary>Runs with a token that stands for Ctrl+C or SIGTERM to the CLI process.</summary>
    public async Task<CliResult> RunAsync(string[] args, string stdin, CancellationToken cancellationToken)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            In = new StringReader(stdin),
            GetEnvironmentVariable = name => _environment.GetValueOrDefault(name),
            Prompt = Prompt,
            Time = Time,
        };
        var exitCode = await StrongroomCli.RunAsync(args, context, cancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, "");

    /// <summary>Sets (or, with null, removes) an environment variable this CLI sees.</summary>
    public void SetEnvironment(string name, string? value) => _environment[name] = value;

    /// <summary>Signs in as the hub's first admin.</summary>
    public async Task LoginAdminAsync()
    {
        var result = await RunAsync(["login", "--username", "admin", "--password-stdin"], Server.AdminPassword + "\n");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Creates a user through the CLI (as the signed-in admin) and returns its password.</summary>
    public async Task<string> CreateUserAsync(string username, bool admin = false)
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        string[] args = admin
            ? ["admin", "users", "create", "--username", username, "--email", username + "@example.com", "--password-stdin", "--admin"]
            : ["admin", "users", "create", "--username", username, "--email", username + "@example.com", "--password-stdin"];
        var result = await RunAsync(args, password + "\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        return password;
    }

    public void Dispose()
    {
        if (Directory.Exists(ConfigDirectory))
        {
            Directory.Delete(ConfigDirectory, recursive: true);
        }
    }
}

/// <summary>What one CLI run produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
