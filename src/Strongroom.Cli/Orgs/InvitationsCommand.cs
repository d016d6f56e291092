using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Orgs;

namespace Strongroom.Cli.Orgs;

/// <summary>
/// <c>strongroom orgs invitations list|accept|decline</c>: the invitee's side. Accepting makes you a member
/// with the invited role, which widens what your tokens can reach, so it takes a signed-in session.
/// </summary>
internal static class InvitationsCommand
{
    public static Command Create(CliContext context) => new("invitations", "Your pending invitations to organizations")
    {
        List(context),
        Answer(context, "accept", "Join the organization with the role you were invited to"),
        Answer(context, "decline", "Decline the invitation"),
    };

    /// <summary><c>list [--json]</c>.</summary>
    private static Command List(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var command = new Command("list", "List your pending invitations") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync("api/settings/invitations", cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ORG", "ROLE", "EXPIRES");
            foreach (var invitation in response.Read<List<InvitationView>>())
            {
                table.Add(invitation.Org, invitation.Role, invitation.ExpiresAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>accept ORG</c> or <c>decline ORG</c> [--json].</summary>
    private static Command Answer(CliContext context, string verb, string description)
    {
        var org = new Argument<string>("org") { Description = "Organization name" };
        var json = ClientCommand.JsonOption();
        var command = new Command(verb, description) { org, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var orgName = parse.GetValue(org)!;
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync($"{OrgsCommand.Path(orgName)}/invitations/{verb}", null, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body.Length > 0 ? response.Body : "{}").ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(verb == "accept"
                    ? $"You are now {response.Read<MemberView>().Role} in {orgName}."
                    : $"Declined the invitation to {orgName}.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
