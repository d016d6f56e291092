using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Repos;

namespace Strongroom.Cli.Repos;

/// <summary><c>repos settings NS/NAME [--type T] (--private | --public) [--workload-can-write true|false] [--push-protection block|warn|off] [--json]</c>.</summary>
internal static class RepoSettingsCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("repo") { Description = "NAMESPACE/NAME" };
        var type = RepoKind.Option();
        var makePrivate = new Option<bool>("--private") { Description = "Make it private" };
        var makePublic = new Option<bool>("--public") { Description = "Make it public" };
        var workloadCanWrite = new Option<bool?>("--workload-can-write")
        {
            Description = "Spaces: whether the running Space's workload token may write its repository (true or false)",
        };
        var pushProtection = new Option<string?>("--push-protection")
        {
            Description = "What a push holding a third-party secret meets: block, warn or off (a live token of this hub is always refused)",
        };
        pushProtection.AcceptOnlyFromAmong("block", "warn", "off");
        var json = ClientCommand.JsonOption();
        var command = new Command("settings", "Change a repository's visibility, or what a Space's workload may do")
        {
            name, type, makePrivate, makePublic, workloadCanWrite, pushProtection, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repo = RepoName.ParseFull(parse.GetValue(name)!);
            var kind = parse.GetValue(type)!;
            var visibility = Visibility(parse.GetValue(makePrivate), parse.GetValue(makePublic));
            var canWrite = parse.GetValue(workloadCanWrite);
            var protection = parse.GetValue(pushProtection);
            if (visibility is null && canWrite is null && protection is null)
            {
                throw new CliException("Nothing to change: give --private, --public, --workload-can-write true|false or --push-protection block|warn|off.");
            }

            using var client = ClientCommand.OpenSession(context);
            await client.PutAsync(RepoKind.ApiPath(kind, repo) + "/settings", new RepoSettingsRequest(null, visibility, canWrite, protection), cancellationToken)
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(
                    context,
                    new { repo = repo.ToString(), type = kind, visibility, workloadCanWrite = canWrite, secretsPushProtection = protection }).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync($"Updated {RepoKind.Describe(kind, repo)}: {Changes(visibility, protection, canWrite)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? Visibility(bool makePrivate, bool makePublic) => (makePrivate, makePublic) switch
    {
        (true, true) => throw new CliException("Give --private or --public, not both."),
        (true, false) => "private",
        (false, true) => "public",
        _ => null,
    };

    // "now private; push protection: warn; its workload may only read it": what was asked, in that order.
    private static string Changes(string? visibility, string? protection, bool? canWrite)
    {
        var changes = new List<string>();
        if (visibility is not null)
        {
            changes.Add("now " + visibility);
        }

        if (protection is not null)
        {
            changes.Add("push protection: " + protection);
        }

        if (canWrite is { } w)
        {
            changes.Add(w ? "its workload may write it" : "its workload may only read it");
        }

        return string.Join("; ", changes);
    }
}
