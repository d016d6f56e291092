using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Auth;

namespace Strongroom.Cli.Login;

/// <summary>
/// <c>strongroom login [--server URL] [--username U] [--password-stdin] [--json]</c>: signs in with a
/// password (the only way to manage tokens) and keeps the session in the 0600 session file.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var server = new Option<string?>("--server") { Description = $"Server URL (default: the saved session's, else $STRONGROOM_SERVER, else {ServerAddress.Default})" };
        var username = new Option<string?>("--username", "-u") { Description = "User name (asked on the terminal when omitted)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin" };
        var json = ClientCommand.JsonOption();
        var command = new Command("login", "Sign in to a Strongroom server and save the session") { server, username, passwordStdin, json };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(server), parse.GetValue(username),
            parse.GetValue(passwordStdin), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? serverOption, string? usernameOption, bool passwordStdin, bool json,
        CancellationToken cancellationToken)
    {
        var store = SessionStore.FromEnvironment(context.GetEnvironmentVariable);
        SavedSession? previous;
        try
        {
            previous = store.Load();
        }
        catch (CliException)
        {
            previous = null; // a damaged file is about to be replaced
        }

        var server = ServerAddress.Resolve(serverOption, previous, context.GetEnvironmentVariable);
        var name = SecretInput.ReadValue(context, usernameOption, "Username: ", "--username");
        var password = SecretInput.ReadPassword(context, passwordStdin);
        if (ServerAddress.IsCleartextRemote(server))
        {
            await context.Error.WriteLineAsync($"warning: {ServerAddress.Display(server)} is plain http: the password and session travel unencrypted.").ConfigureAwait(false);
        }

        using var client = StrongroomClient.Anonymous(server);
        var response = await client.PostAsync("api/auth/login", new SessionEndpoints.LoginRequest(name, password), cancellationToken).ConfigureAwait(false);
        var login = response.Read<SessionEndpoints.LoginResponse>();
        var cookie = SessionCookieValue(response)
            ?? throw new CliException("The server accepted the password but set no session cookie; is it a Strongroom server?");

        store.Save(new SavedSession(ServerAddress.Display(server), login.Username, cookie, login.CsrfToken, context.Time.GetUtcNow()));
        await EndPreviousAsync(previous, cookie, cancellationToken).ConfigureAwait(false);

        if (json)
        {
            await ClientCommand.WriteJsonAsync(context, new
            {
                server = ServerAddress.Display(server),
                username = login.Username,
                sessionFile = store.FilePath,
                passwordChangeRequired = login.PasswordChangeRequired,
            }).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync($"Signed in to {ServerAddress.Display(server)} as {login.Username}. Session saved in {store.FilePath}.").ConfigureAwait(false);
        }

        if (login.FirstStartPassword)
        {
            await context.Error.WriteLineAsync("This is the one-time password the server generated at its first start (initial-admin-password in its data directory). "
                + "Set your own with 'strongroom password'; the file is deleted once you have.").ConfigureAwait(false);
        }
        else if (login.PasswordChangeRequired)
        {
            await context.Error.WriteLineAsync("This password was set for you by someone else: set your own with 'strongroom password'.").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The value of the session cookie in the login answer's <c>Set-Cookie</c> headers.</summary>
    private static string? SessionCookieValue(ApiResponse response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            return null;
        }

        var prefix = SessionCookie.Name + "=";
        foreach (var header in headers)
        {
            if (header.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = header.IndexOf(';', StringComparison.Ordinal);
                var value = end < 0 ? header[prefix.Length..] : header[prefix.Length..end];
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }

    /// <summary>Ends the session this login replaced, so it does not stay valid on the server unseen.</summary>
    private static async Task EndPreviousAsync(SavedSession? previous, string newCookie, CancellationToken cancellationToken)
    {
        if (previous is null || previous.Cookie == newCookie)
        {
            return;
        }

        try
        {
            using var old = StrongroomClient.ForSession(previous);
            await old.PostAsync("api/auth/logout", null, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException)
        {
            // Best effort: the old session expires on its own, and its cookie is no longer on disk.
        }
    }
}
