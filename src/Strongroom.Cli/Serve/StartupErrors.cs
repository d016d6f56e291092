using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Strongroom.Server.Hosting;

namespace Strongroom.Cli.Serve;

/// <summary>
/// Turns the failures of a start an operator can fix (port taken, data directory unusable, a broken
/// configuration file or value) into one line that names what to change. Anything else is a bug and
/// goes to the CLI's generic one-line error.
/// </summary>
internal static partial class StartupErrors
{
    /// <summary>Loggers that would report a failed start a second time, with a stack trace.</summary>
    public const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    /// <inheritdoc cref="KestrelCategory"/>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static string? Describe(Exception e, string urls) => e switch
    {
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } => PortInUse(urls),
        DataDirectoryException d => $"{d.Message.TrimEnd('.')}. Choose another with --data DIR.",
        InvalidDataException { Message: var m } when m.Contains("configuration", StringComparison.OrdinalIgnoreCase) =>
            $"{m.TrimEnd('.')}: {OneLine(e.InnerException?.Message ?? "unreadable").TrimEnd('.')} "
                + $"({OneLine(e.GetBaseException().Message).TrimEnd('.')}). Fix the file or move it away.",
        OptionsValidationException v => $"Invalid configuration: {OneLine(v.Message)}",
        InvalidOperationException { Message: var m } when m.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            $"Invalid configuration: {OneLine(m)}",
        DbException db => $"The database cannot be opened: {OneLine(db.Message)}. Check that the data directory (--data) is writable, or the --database connection string.",
        _ => null,
    };

    private static string PortInUse(string urls)
    {
        var port = Port().Match(urls) is { Success: true } m ? m.Groups[1].Value : "?";
        var other = int.TryParse(port, out var p) && p < 65535 ? (p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "7801";
        return $"Port {port} is already in use ({urls}); stop what holds it, or listen elsewhere with --urls http://127.0.0.1:{other}";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@":(\d+)(?:/|;|$)")]
    private static partial Regex Port();
}
