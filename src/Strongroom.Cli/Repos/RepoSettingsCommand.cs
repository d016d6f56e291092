using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Repos;

namespace Strongroom.Cli.Repos;

/// <summary><c>repos settings NS/NAME [--type T] (--private | --public) [--workload-can-write true|false] [--json]</c>.</summary>
internal static class RepoSettingsCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("repo") { Description = "NAMESPACE/NAME" };
        var type = RepoKind.Option();
        var makePrivate = new Option<bool>("--private") { Description = "Make it private" };
        var makePublic = new Option<bool>("--public") { Description = "Make it public" };
        var workloadCanWrite = new Option<bool?>("--workload-can-write") { Description = "Spaces: whether the running Space's workload token may write its repository (true or false)" };
        var json = ClientCommand.JsonOption();
        var command = new Command("settings", "Change a repository's visibility, or what a Space's workload may do")
        {
            name, type, makePrivate, makePublic, workloadCanWrite, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repo = RepoName.ParseFull(parse.GetValue(name)!);
            var kind = parse.GetValue(type)!;
            var visibility = (parse.GetValue(makePrivate), parse.GetValue(makePublic)) switch
            {
                (true, true) => throw new CliException("Give --private or --public, not both."),
                (true, false) => "private",
                (false, true) => "public",
                _ => null,
            };
            var canWrite = parse.GetValue(workloadCanWrite);
            if (visibility is null && canWrite is null)
            {
                throw new CliException("Nothing to change: give --private, --public or --workload-can-write true|false.");
            }

            using var client = ClientCommand.OpenSession(context);
            await client.PutAsync(RepoKind.ApiPath(kind, repo) + "/settings", new RepoSettingsRequest(null, visibility, canWrite), cancellationToken)
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, new { repo = repo.ToString(), type = kind, visibility, workloadCanWrite = canWrite }).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var changes = new List<string>();
            if (visibility is not null)
            {
                changes.Add("now " + visibility);
            }

            if (canWrite is { } w)
            {
                changes.Add(w ? "its workload may write it" : "its workload may only read it");
            }

            await context.Out.WriteLineAsync($"Updated {RepoKind.Describe(kind, repo)}: {string.Join("; ", changes)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
