using System.CommandLine;

namespace Strongroom.Scan;

/// <summary><c>strongroom scan</c>: finds secrets in files, directories, archives, stdin and git history.</summary>
internal static class ScanCommand
{
    private const string Description = "Find leaked secrets: tokens of ours, Hugging Face and third-party credentials.";

    /// <summary>The <c>scan</c> verb of the <c>strongroom</c> CLI.</summary>
    public static Command Create() => Configure(new Command("scan", Description));

    /// <summary>The same command as the root of the standalone <c>strongroom-scan</c> executable.</summary>
    public static RootCommand CreateRoot() => Configure(new RootCommand(Description));

    private static T Configure<T>(T command)
        where T : Command
    {
        var arguments = new ScanArguments();
        arguments.AddTo(command);
        command.SetAction(parseResult => new ScanRun(arguments.Read(parseResult))
            .Execute(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }
}
