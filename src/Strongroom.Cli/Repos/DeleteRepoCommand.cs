using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Repos;

namespace Strongroom.Cli.Repos;

/// <summary><c>repos delete NS/NAME [--type T] [--json]</c>: a Space takes its secrets, variables and workload tokens with it.</summary>
internal static class DeleteRepoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("repo") { Description = "NAMESPACE/NAME" };
        var type = RepoKind.Option();
        var json = ClientCommand.JsonOption();
        var command = new Command("delete", "Delete a model, dataset or Space (a Space's secrets and variables go with it)") { name, type, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repo = RepoName.ParseFull(parse.GetValue(name)!);
            var kind = parse.GetValue(type)!;
            using var client = ClientCommand.OpenSession(context);
            await client.SendAsync(HttpMethod.Delete, "api/repos/delete", new DeleteRepoRequest(repo.Name, repo.Namespace, kind), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, new { repo = repo.ToString(), type = kind, deleted = true }).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"Deleted {RepoKind.Describe(kind, repo)}.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
