using System.CommandLine;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Tokens;

/// <summary><c>strongroom tokens revoke ID [--json]</c>: kills one of the signed-in user's tokens at once.</summary>
internal static class RevokeTokenCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The token's id (from 'strongroom tokens list')" };
        var json = ClientCommand.JsonOption();
        var command = new Command("revoke", "Revoke a token; it stops working immediately") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tokenId = parse.GetValue(id)!;
            using var client = ClientCommand.OpenSession(context);
            await client.DeleteAsync("api/settings/tokens/" + StrongroomClient.Segment(tokenId), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, new { id = tokenId, revoked = true }).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"Revoked token {tokenId}.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
