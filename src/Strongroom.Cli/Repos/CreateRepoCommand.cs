using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Repos;

namespace Strongroom.Cli.Repos;

/// <summary><c>repos create [NS/]NAME [--type T] [--org ORG] [--private] [--sdk SDK] [--json]</c>.</summary>
internal static class CreateRepoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("repo") { Description = "NAMESPACE/NAME (an organization or your user name), or NAME in your own namespace" };
        var type = RepoKind.Option();
        var org = new Option<string?>("--org") { Description = "Create it in this organization (same as ORG/NAME)" };
        var isPrivate = new Option<bool>("--private") { Description = "Only you (or the organization's members) can see it" };
        var sdk = new Option<string?>("--sdk") { Description = "A Space's SDK: gradio, streamlit, docker or static (implies --type space)" };
        sdk.AcceptOnlyFromAmong("gradio", "streamlit", "docker", "static");
        var json = ClientCommand.JsonOption();
        var command = new Command("create", "Create a model, dataset or Space") { name, type, org, isPrivate, sdk, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repo = RepoName.Parse(parse.GetValue(name)!, parse.GetValue(org));
            var kind = KindOf(parse, type, parse.GetValue(sdk));
            var request = new CreateRepoRequest(repo.Name, repo.Namespace, kind, parse.GetValue(isPrivate), null, parse.GetValue(sdk));
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync("api/repos/create", request, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var created = response.Read<CreatedRepo>();
            var visibility = parse.GetValue(isPrivate) ? "private" : "public";
            await context.Out.WriteLineAsync($"Created {visibility} {RepoKind.Describe(kind, RepoName.Parse(created.Name, null))}: {TextTable.Printable(created.Url)}")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An SDK makes it a Space; with any other explicit type it is a mistake, said before anything is sent.</summary>
    private static string KindOf(ParseResult parse, Option<string> type, string? sdk)
    {
        var explicitType = parse.GetResult(type) is { Implicit: false };
        var kind = parse.GetValue(type)!;
        if (sdk is null)
        {
            if (kind == RepoKind.Space)
            {
                throw new CliException("A Space needs --sdk gradio, streamlit, docker or static.");
            }

            return kind;
        }

        if (explicitType && kind != RepoKind.Space)
        {
            throw new CliException($"--sdk is for Spaces; a {kind} has none.");
        }

        return RepoKind.Space;
    }
}
