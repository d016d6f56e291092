using System.CommandLine;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Orgs;

/// <summary>
/// <c>strongroom orgs members remove ORG USER [--json]</c>: the user's tokens lose access to the org's
/// resources at once, since access comes from live membership.
/// </summary>
internal static class RemoveMemberCommand
{
    public static Command Create(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "Organization name" };
        var user = new Argument<string>("user") { Description = "User name" };
        var json = ClientCommand.JsonOption();
        var command = new Command("remove", "Remove a member; their access to the organization ends at once") { org, user, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgName = parse.GetValue(org)!;
            var userName = parse.GetValue(user)!;
            using var client = ClientCommand.OpenSession(context);
            await client.DeleteAsync($"{OrgsCommand.Path(orgName)}/members/{StrongroomClient.Segment(userName)}", cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, new { org = orgName, user = userName, removed = true }).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"Removed {userName} from {orgName}.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
