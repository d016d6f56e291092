using System.CommandLine;

namespace Strongroom.Cli.Client;

/// <summary>What every client command shares: the <c>--json</c> flag, the saved session, and output.</summary>
internal static class ClientCommand
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print machine-readable JSON instead of text" };

    /// <summary>A client for the saved session's server, carrying its cookie and CSRF token.</summary>
    /// <exception cref="CliException">Nobody is signed in.</exception>
    public static StrongroomClient OpenSession(CliContext context)
    {
        var store = SessionStore.FromEnvironment(context.GetEnvironmentVariable);
        var session = store.Load() ?? throw new CliException("Not signed in: run 'strongroom login' first.");
        if (store.IsExposed())
        {
            context.Error.WriteLine($"warning: {store.FilePath} is readable by other users; run 'strongroom login' again to replace it.");
        }

        return StrongroomClient.ForSession(session);
    }

    /// <summary>Writes the server's JSON as it came, one document per run.</summary>
    public static Task WriteJsonAsync(CliContext context, string json) => context.Out.WriteLineAsync(json.Trim());

    /// <summary>Writes the CLI's own stable JSON object (for answers without a body, such as 204).</summary>
    public static Task WriteJsonAsync<T>(CliContext context, T value) => context.Out.WriteLineAsync(JsonWire.Serialize(value));

    public static string Time(DateTimeOffset? value) =>
        value is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
