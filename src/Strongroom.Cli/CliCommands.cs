using System.CommandLine;

namespace Strongroom.Cli;

/// <summary>Every top-level verb of the <c>strongroom</c> command, in the order help lists them.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return new Command("version", "Print the version.") { Action = new VersionAction() };
        yield return Scan.ScanCommand.Create();
    }
}
