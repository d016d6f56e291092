using System.Diagnostics;
using System.Text.Json;
using Strongroom.Cli.Tests;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>Runs a script of tests/hfjs with the official Hugging Face JS client, and reads the JSON it prints.</summary>
public static class HfJsClient
{
    public static async Task<JsonElement> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = FindClientDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var (exitCode, stdout, stderr) = await ChildProcess.WaitAsync(process, TimeSpan.FromMinutes(2), "node " + script);
        Assert.True(exitCode == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>The value a call returned; fails the test with the client's error when it threw.</summary>
    public static JsonElement Value(JsonElement result, string call)
    {
        var entry = result.GetProperty(call);
        Assert.True(entry.GetProperty("ok").GetBoolean(), $"{call} failed: {entry}");
        return entry.GetProperty("value");
    }

    /// <summary>The error a call threw (status and message); fails the test when it succeeded.</summary>
    public static (int? Status, string Message) Failure(JsonElement result, string call)
    {
        var entry = result.GetProperty(call);
        Assert.False(entry.GetProperty("ok").GetBoolean(), $"{call} should have failed: {entry}");
        var status = entry.GetProperty("status");
        return (status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null, entry.GetProperty("message").GetString()!);
    }

    private static string FindClientDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "hfjs");
            if (File.Exists(Path.Combine(candidate, "compat.mjs")))
            {
                Assert.True(Directory.Exists(Path.Combine(candidate, "node_modules", "@huggingface", "hub")),
                    "The Hugging Face JS client is not installed: run ./test.sh (it runs npm ci in tests/hfjs).");
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/hfjs/compat.mjs not found above the test binaries");
    }
}
