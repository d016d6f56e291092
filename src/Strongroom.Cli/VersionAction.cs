using System.CommandLine;
using System.CommandLine.Invocation;

namespace Strongroom.Cli;

internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(typeof(VersionAction).Assembly.GetName().Version?.ToString() ?? "0.0.0");
        return 0;
    }
}
