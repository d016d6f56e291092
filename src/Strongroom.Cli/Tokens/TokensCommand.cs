using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Tokens;

namespace Strongroom.Cli.Tokens;

/// <summary>
/// <c>strongroom tokens create|list|revoke|rotate</c>: the signed-in user's access tokens. Token
/// management needs a password session; a token cannot manage tokens.
/// </summary>
internal static class TokensCommand
{
    public static Command Create(CliContext context) => new("tokens", "Manage your access tokens (needs 'strongroom login')")
    {
        CreateTokenCommand.Create(context),
        ListTokensCommand.Create(context),
        Revoke(context),
        Rotate(context),
    };

    /// <summary><c>revoke ID [--json]</c>: kills one token at once.</summary>
    private static Command Revoke(CliContext context)
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

    /// <summary><c>rotate ID [--json]</c>: a new secret with the same grants; the old one dies ("invalidate and refresh").</summary>
    private static Command Rotate(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The token's id (from 'strongroom tokens list')" };
        var json = ClientCommand.JsonOption();
        var command = new Command("rotate", "Replace a token's secret (same grants); the old one stops working") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync($"api/settings/tokens/{StrongroomClient.Segment(parse.GetValue(id)!)}/rotate", null, cancellationToken)
                .ConfigureAwait(false);
            await WriteIssuedAsync(context, response, parse.GetValue(json), "Rotated").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The one place the CLI prints a raw token: after create and rotate. stdout gets the token alone
    /// (or the server's JSON with <c>--json</c>) so a script can capture it; the details and the warning
    /// that it will not be shown again go to stderr.
    /// </summary>
    internal static async Task WriteIssuedAsync(CliContext context, ApiResponse response, bool json, string verb)
    {
        var issued = response.Read<IssuedTokenView>();
        await context.Error.WriteLineAsync(
            $"{verb} token {issued.Id} '{TextTable.Printable(issued.DisplayName)}' ({issued.Role}, expires {ClientCommand.Time(issued.ExpiresAt)}; "
                + $"grants: {GrantArguments.Describe(issued.FineGrained)}).")
            .ConfigureAwait(false);
        await context.Error.WriteLineAsync("warning: this token is shown once and cannot be shown again; store it now (a password manager or a secret store).")
            .ConfigureAwait(false);
        if (json)
        {
            await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(issued.Token).ConfigureAwait(false);
        }
    }
}
