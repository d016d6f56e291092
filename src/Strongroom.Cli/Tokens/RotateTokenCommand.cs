using System.CommandLine;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Tokens;

/// <summary>
/// <c>strongroom tokens rotate ID [--json]</c>: issues a new secret with the same grants and kills the
/// old one ("invalidate and refresh"); the new token is printed once.
/// </summary>
internal static class RotateTokenCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The token's id (from 'strongroom tokens list')" };
        var json = ClientCommand.JsonOption();
        var command = new Command("rotate", "Replace a token's secret (same grants); the old one stops working") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync($"api/settings/tokens/{StrongroomClient.Segment(parse.GetValue(id)!)}/rotate", null, cancellationToken)
                .ConfigureAwait(false);
            await IssuedTokenOutput.WriteAsync(context, response, parse.GetValue(json), "Rotated").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
