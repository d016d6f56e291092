using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Strongroom.Core.Kms;
using Strongroom.Core.Passwords;
using Strongroom.Core.Secrets;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Server.Features.Kms;
using Strongroom.Server.Hosting;

namespace Strongroom.Cli.Tests;

/// <summary><c>appsettings.example.json</c> holds every setting, OPERATIONS.md explains each, and the file works as it is.</summary>
public sealed class AppsettingsExampleTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        ("Server", typeof(ServerOptions)),
        ("Database", typeof(DatabaseOptions)),
        ("Passwords", typeof(PasswordOptions)),
        ("Tokens", typeof(TokenOptions)),
        ("Kms", typeof(KmsOptions)),
        ("Kms", typeof(KmsRewrapOptions)),
        ("Audit", typeof(Strongroom.Server.Features.Audit.AuditOptions)),
        ("Spaces", typeof(SpaceOptions)),
        ("Smtp", typeof(Strongroom.Notifications.Email.SmtpOptions)),
        ("Leaks", typeof(Strongroom.Server.Features.Leaks.LeaksOptions)),
        ("Webhooks", typeof(Strongroom.Notifications.Webhooks.WebhookOptions)),
    ];

    private static string Root => Path.GetDirectoryName(ReadmeWalkthrough.ReadmePath())!;

    private static string Example => File.ReadAllText(Path.Combine(Root, "appsettings.example.json"));

    [Fact]
    public void Example_EveryOptionsProperty_IsInTheFileAndInOperations()
    {
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "OPERATIONS.md"));
        var keys = Sections.SelectMany(s => Keys(s.Section, s.Options)).ToList();

        // Commented-out lines count: settings without a default are shown that way.
        var missingFromExample = keys.Where(k => !Example.Contains($"\"{k.Split(':')[^1]}\"", StringComparison.Ordinal)).ToList();
        var missingFromOperations = keys.Where(k => !operations.Contains($"`{k}`", StringComparison.Ordinal)).ToList();

        Assert.True(keys.Count > 25, string.Join(", ", keys));
        Assert.Empty(missingFromExample);
        Assert.Empty(missingFromOperations);
    }

    [Fact]
    public void Example_EveryKeyInTheFile_IsDocumentedInOperations()
    {
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "OPERATIONS.md"));
        using var json = JsonDocument.Parse(Example, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });

        var undocumented = Flatten(json.RootElement, "").Where(k => !operations.Contains($"`{k}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public async Task Example_AsAppsettingsJson_ServerStarts()
    {
        var directory = Directory.CreateTempSubdirectory("strongroom-example-").FullName;
        File.Copy(Path.Combine(Root, "appsettings.example.json"), Path.Combine(directory, "appsettings.json"));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "strongroom.dll"), "serve", "--urls", "http://127.0.0.1:0", "--Passwords:MemoryKiB", "8192", "--Passwords:Iterations", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        Directory.Delete(directory, recursive: true);

        Assert.True(first?.StartsWith("Strongroom is listening on http://127.0.0.1:", StringComparison.Ordinal) == true, first + stderr);
    }

    /// <summary>Every settable property as a configuration key; nested options classes are sections of their own.</summary>
    private static IEnumerable<string> Keys(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = prefix + ":" + property.Name;
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsGenericType)
            {
                foreach (var nested in Keys(key, property.PropertyType))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> Flatten(JsonElement element, string prefix) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().SelectMany(p => Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + ":" + p.Name))
        : [prefix];
}
