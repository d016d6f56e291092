using System.CommandLine;
using Strongroom.Scan;

// `strongroom-scan`: the scan command alone (see the project file). Exit codes as `strongroom scan`:
// 0 clean, 1 findings, 2 usage or other error, never a stack trace.
var parse = ScanCommand.CreateRoot().Parse(args);
var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    var exitCode = parse.Invoke(configuration);
    return parse.Errors.Count > 0 ? ScanRun.Failed : exitCode;
}
catch (Exception e)
{
    Console.Error.WriteLine($"strongroom scan: {e.GetType().Name}: {e.Message}");
    return ScanRun.Failed;
}
