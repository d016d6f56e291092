using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Tokens;

namespace Strongroom.Cli.Tokens;

/// <summary>
/// <c>strongroom tokens list [--json]</c>: the signed-in user's tokens. The server never returns a raw
/// token here, only its last four characters, and neither does this.
/// </summary>
internal static class ListTokensCommand
{
    public static Command Create(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var command = new Command("list", "List your tokens (never the secret, only its last 4 characters)") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync("api/settings/tokens", cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var tokens = response.Read<List<TokenView>>();
            if (tokens.Count == 0)
            {
                await context.Out.WriteLineAsync("No tokens. Create one with 'strongroom tokens create --name NAME --scope TYPE:NAME=perms'.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "NAME", "ROLE", "TOKEN", "STATUS", "CREATED", "EXPIRES", "LAST USED", "GRANTS");
            foreach (var t in tokens)
            {
                table.Add(t.Id, t.DisplayName, t.Role, "…" + t.Last4, t.Status, ClientCommand.Time(t.CreatedAt), ClientCommand.Time(t.ExpiresAt),
                    t.LastUsedAt is null ? "never" : $"{ClientCommand.Time(t.LastUsedAt)} {t.LastUsedIp}".Trim(), GrantArguments.Describe(t.FineGrained));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
