using System.CommandLine;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Runner;

/// <summary>
/// <c>strongroom runner exec --space NS/NAME [--server URL] -- CMD [ARGS...]</c>: does what a runner
/// does to start a Space. The runner credential comes from <c>$STRONGROOM_RUNNER_TOKEN</c> only, never
/// a flag, so it shows in no process list; the command never receives it.
/// </summary>
internal static class RunnerCommand
{
    public const string TokenVariable = "STRONGROOM_RUNNER_TOKEN";

    public static Command Create(CliContext context) => new("runner", "Act as a runner (needs $" + TokenVariable + ")")
    {
        Exec(context),
    };

    private static Command Exec(CliContext context)
    {
        var space = new Option<string>("--space") { Description = "The Space to start, as namespace/name", Required = true };
        var server = new Option<string?>("--server") { Description = "The server's URL (else $STRONGROOM_SERVER, else the default)" };
        var commandLine = new Argument<string[]>("command") { Description = "The command to run and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Start a Space: run a command with its variables, secrets and workload token in the environment")
        {
            space, server, commandLine,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var token = context.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new CliException($"Set {TokenVariable} to the runner's token (from 'strongroom admin runners create').");
            }

            var spaceName = parse.GetValue(space)!;
            var runtimePath = SpacePath.Api(spaceName) + "runtime/";
            var address = ServerAddress.Resolve(parse.GetValue(server), null, context.GetEnvironmentVariable);
            using var client = StrongroomClient.ForBearer(address, token.Trim());
            var run = new SpaceRun(context, client, spaceName, runtimePath, parse.GetValue(commandLine)!);
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
