using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Orgs;

namespace Strongroom.Cli.Orgs;

/// <summary>
/// <c>strongroom orgs create|members|invitations|policy</c>: organizations, their members and their token policy.
/// There are no org tokens; people act on an org through their membership.
/// </summary>
internal static class OrgsCommand
{
    public static Command Create(CliContext context) => new("orgs", "Manage organizations (needs 'strongroom login')")
    {
        CreateOrg(context),
        MembersCommand.Create(context),
        InvitationsCommand.Create(context),
        PolicyCommand.Create(context),
    };

    /// <summary>The API path of one organization.</summary>
    public static string Path(string org) => "api/organizations/" + StrongroomClient.Segment(org);

    /// <summary><c>create NAME [--fullname F] [--json]</c>: the creator becomes its admin.</summary>
    private static Command CreateOrg(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Organization name (2-42 letters, digits or single hyphens)" };
        var fullname = new Option<string?>("--fullname") { Description = "Full name" };
        var json = ClientCommand.JsonOption();
        var command = new Command("create", "Create an organization; you become its admin") { name, fullname, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync("api/organizations", new CreateOrgRequest(parse.GetValue(name), parse.GetValue(fullname)), cancellationToken)
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
            }
            else
            {
                var org = response.Read<OrgCreated>();
                await context.Out.WriteLineAsync($"Created organization {org.Name} (id {org.Id}); you are its admin.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
