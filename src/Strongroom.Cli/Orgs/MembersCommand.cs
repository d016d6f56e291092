using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Orgs;

namespace Strongroom.Cli.Orgs;

/// <summary>
/// <c>strongroom orgs members list|set|remove</c>. Access to an org's resources comes from live
/// membership, so a change here changes what every token of that member can do at once.
/// </summary>
internal static class MembersCommand
{
    public static Command Create(CliContext context) => new("members", "List and change an organization's members")
    {
        List(context),
        Set(context),
        Remove(context),
    };

    /// <summary><c>list ORG [--json]</c>.</summary>
    private static Command List(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "Organization name" };
        var json = ClientCommand.JsonOption();
        var command = new Command("list", "List an organization's members and their roles") { org, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync(OrgsCommand.Path(parse.GetValue(org)!) + "/members", cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("USER", "ROLE");
            foreach (var member in response.Read<List<MemberView>>())
            {
                table.Add(member.User, member.Role);
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>set ORG USER --role read|contributor|write|admin [--json]</c>: invites a new member, or changes a member's role.</summary>
    private static Command Set(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "Organization name" };
        var user = new Argument<string>("user") { Description = "User name" };
        var role = new Option<string>("--role") { Description = "read, contributor, write or admin", Required = true };
        role.AcceptOnlyFromAmong("read", "contributor", "write", "admin");
        var json = ClientCommand.JsonOption();
        var command = new Command("set", "Invite a user (they join on accepting) or change a member's role") { org, user, role, json };
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
            else if (response.Status == System.Net.HttpStatusCode.Accepted)
            {
                var invitation = response.Read<InvitationView>();
                await context.Out.WriteLineAsync($"Invited {invitation.User} to {orgName} as {invitation.Role}; they join once they accept " +
                    $"('strongroom orgs invitations accept {orgName}'), by {invitation.ExpiresAt:yyyy-MM-dd}.").ConfigureAwait(false);
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

    /// <summary><c>remove ORG USER [--json]</c>: the server keeps at least one admin.</summary>
    private static Command Remove(CliContext context)
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
