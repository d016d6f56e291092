using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Admin;

namespace Strongroom.Cli.Admin;

/// <summary>
/// <c>strongroom admin runners create --name N | list | revoke ID</c>: the credentials runners use to
/// start Spaces. A new runner's token is printed once, on stdout alone, for the runner's secret store.
/// </summary>
internal static class RunnersCommand
{
    public static Command Create(CliContext context) => new("runners", "Manage runner credentials (what starts Spaces)")
    {
        CreateRunner(context),
        ListRunners(context),
        RevokeRunner(context),
    };

    private static Command CreateRunner(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The runner's name (letters, digits, '-', '_', '.')", Required = true };
        var json = ClientCommand.JsonOption();
        var command = new Command("create", "Create a runner credential; its token is shown once") { name, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync("api/admin/runners", new AdminRunnerEndpoints.CreateRunnerRequest(parse.GetValue(name)), cancellationToken).ConfigureAwait(false);
            var runner = response.Read<AdminRunnerEndpoints.CreatedRunner>();
            await context.Error.WriteLineAsync($"Created runner {runner.Name} (id {runner.Id}). Give it this token as STRONGROOM_RUNNER_TOKEN; it is shown once.")
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(runner.Token).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListRunners(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var command = new Command("list", "List runners (never their tokens)") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync("api/admin/runners", cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var runners = response.Read<List<AdminRunnerEndpoints.RunnerView>>();
            if (runners.Count == 0)
            {
                await context.Out.WriteLineAsync("No runners. Create one with 'strongroom admin runners create --name NAME'.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "NAME", "STATUS", "CREATED", "LAST USED");
            foreach (var r in runners)
            {
                table.Add(r.Id, r.Name, r.Status, ClientCommand.Time(r.CreatedAt),
                    r.LastUsedAt is null ? "never" : $"{ClientCommand.Time(r.LastUsedAt)} {r.LastUsedIp}".Trim());
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeRunner(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The runner's id (from 'admin runners list')" };
        var command = new Command("revoke", "Revoke a runner and every workload token it was given") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            await client.DeleteAsync("api/admin/runners/" + StrongroomClient.Segment(parse.GetValue(id)!), cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Revoked runner {parse.GetValue(id)} and its workload tokens.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
