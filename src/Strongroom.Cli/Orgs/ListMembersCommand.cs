using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Orgs;

namespace Strongroom.Cli.Orgs;

/// <summary><c>strongroom orgs members list ORG [--json]</c>.</summary>
internal static class ListMembersCommand
{
    public static Command Create(CliContext context)
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
}
