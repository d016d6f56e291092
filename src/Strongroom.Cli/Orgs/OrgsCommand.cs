using System.CommandLine;

namespace Strongroom.Cli.Orgs;

/// <summary><c>strongroom orgs create|members|policy</c>: organizations, their members and their token policy.</summary>
internal static class OrgsCommand
{
    public static Command Create(CliContext context) => new("orgs", "Manage organizations (needs 'strongroom login')")
    {
        CreateOrgCommand.Create(context),
        new Command("members", "List and change an organization's members")
        {
            ListMembersCommand.Create(context),
            SetMemberCommand.Create(context),
            RemoveMemberCommand.Create(context),
        },
        PolicyCommand.Create(context),
    };

    /// <summary>The API path of one organization.</summary>
    public static string Path(string org) => "api/organizations/" + Client.StrongroomClient.Segment(org);
}
