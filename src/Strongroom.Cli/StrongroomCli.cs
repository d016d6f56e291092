using System.CommandLine;
using System.CommandLine.Invocation;
using System.Net;
using Strongroom.Cli.Client;

namespace Strongroom.Cli;

/// <summary>
/// Runs the <c>strongroom</c> command once: parses, invokes, and turns every failure into one line on
/// stderr and an exit code (0 ok, 1 the server refused, 2 usage, connection or other error).
/// </summary>
internal static class StrongroomCli
{
    /// <summary>Runs with in-memory streams and no terminal (tests, scripts embedding the CLI).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext { Out = stdout, Error = stderr, In = stdin }, cancellationToken);

    /// <summary>"strongroom tokens create": the deepest command the parser recognized, for pointing at its help.</summary>
    internal static string HelpCommand(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "strongroom" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Root(context).Parse(args);
        var configuration = Invocation(context);
        if (parse.Action is ParseErrorAction errors)
        {
            // The errors and a "did you mean", then where help is: the whole help would bury the one line
            // that matters. (The parser's own exit code, 1, would mean "the server refused" here.)
            errors.ShowHelp = false;
            await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Run '{HelpCommand(parse)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await context.Error.WriteLineAsync($"error: {TextTable.Printable(e.Message)} ({TextTable.Printable(e.Code)})").ConfigureAwait(false);
            if (e.Status == HttpStatusCode.Unauthorized && e.Code != "invalid_login")
            {
                await context.Error.WriteLineAsync("Not signed in, or the session expired: run 'strongroom login'.").ConfigureAwait(false);
            }

            return e.ExitCode;
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the parser cancels the action's token, not ours.
            await context.Error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception e)
        {
            // A bug or an unexpected local failure: one line, no stack trace (it could carry request data).
            await context.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }

    /// <summary>The root command with every verb of <see cref="CliCommands.All"/>.</summary>
    private static RootCommand Root(CliContext context)
    {
        var root = new RootCommand("Strongroom: tokens, secrets, leak scanning and audit for an ML hub.");
        foreach (var command in CliCommands.All(context))
        {
            root.Subcommands.Add(command);
        }

        // `--version` and `version` say the same thing, from the same place.
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction();
        }

        return root;
    }

    private static InvocationConfiguration Invocation(CliContext context) => new()
    {
        Output = context.Out,
        Error = context.Error,
        EnableDefaultExceptionHandler = false,

        // On Ctrl+C or SIGTERM the action's token is cancelled and it gets this long to finish:
        // `runner exec` gives its command SpaceRun.StopGracePeriod after passing SIGTERM on, and
        // `serve` drains its requests. (System.CommandLine's default is 2 s.)
        ProcessTerminationTimeout = Runner.SpaceRun.StopGracePeriod + TimeSpan.FromSeconds(5),
    };
}
