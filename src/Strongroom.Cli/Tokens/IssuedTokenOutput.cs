using Strongroom.Cli.Client;
using Strongroom.Server.Features.Tokens;

namespace Strongroom.Cli.Tokens;

/// <summary>
/// The one place the CLI prints a raw token: after create and rotate. stdout gets the token alone (or
/// the server's JSON with <c>--json</c>) so a script can capture it; the details and the warning that it
/// will not be shown again go to stderr.
/// </summary>
internal static class IssuedTokenOutput
{
    public static async Task WriteAsync(CliContext context, ApiResponse response, bool json, string verb)
    {
        var issued = response.Read<IssuedTokenView>();
        await context.Error.WriteLineAsync(
            $"{verb} token {issued.Id} '{issued.DisplayName}' ({issued.Role}, expires {ClientCommand.Time(issued.ExpiresAt)}; grants: {GrantArguments.Describe(issued.FineGrained)}).")
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
