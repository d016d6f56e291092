using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Orgs;

namespace Strongroom.Cli.Orgs;

/// <summary>
/// <c>strongroom orgs members set ORG USER --role read|contributor|write|admin [--json]</c>: adds the user
/// or changes their role; access to the org's resources follows at once.
/// </summary>
internal static class SetMemberCommand
{
    public static Command Create(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "Organization name" };
        var user = new Argument<string>("user") { Description = "User name" };
        var role = new Option<string>("--role") { Description = "read, contributor, write or admin", Required = true };
        role.AcceptOnlyFromAmong("read", "contributor", "write", "admin");
        var json = ClientCommand.JsonOption();
        var command = new Command("set", "Add a member or change their role") { org, user, role, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgName = parse.GetValue(org)!;
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PutAsync($"{OrgsCommand.Path(orgName)}/members/{StrongroomClient.Segment(parse.GetValue(user)!)}",
                new SetMemberRequest(parse.GetValue(role)), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
            }
            else
            {
                var member = response.Read<MemberView>();
                await context.Out.WriteLineAsync($"{member.User} is now {member.Role} in {orgName}.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
