using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Strongroom.Cli;

/// <summary>Prints the version (<c>version</c> and <c>--version</c> alike): the informational version, with the commit when the build knew it.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
