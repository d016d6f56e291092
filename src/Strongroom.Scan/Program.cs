using System.CommandLine;
using Strongroom.Scan;

// `strongroom-scan`: the scan command alone (see the project file). Exit codes as `strongroom scan`:
// 0 clean, 1 findings, 2 usage or other error, never a stack trace.
var parse = ScanCommand.CreateRoot().Parse(args);
var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    if (parse.Action is System.CommandLine.Invocation.ParseErrorAction errors)
    {
        // The errors, then where help is, as `strongroom` does: the whole help would bury them.
        errors.ShowHelp = false;
        parse.Invoke(configuration);
        Console.Error.WriteLine("Run 'strongroom scan --help' for usage.");
        return ScanRun.Failed;
    }

    if (parse.Action is System.CommandLine.Help.HelpAction)
    {
        // People run this as `./strongroom scan`; the help says so rather than this executable's own name.
        using var help = new StringWriter();
        parse.Invoke(new InvocationConfiguration { Output = help });
        Console.Out.Write(help.ToString().Replace(parse.RootCommandResult.Command.Name, "strongroom scan", StringComparison.Ordinal));
        return 0;
    }

    var exitCode = parse.Invoke(configuration);
    return parse.Errors.Count > 0 ? ScanRun.Failed : exitCode;
}
catch (Exception e)
{
    Console.Error.WriteLine($"strongroom scan: {e.GetType().Name}: {e.Message}");
    return ScanRun.Failed;
}
