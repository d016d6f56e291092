using System.CommandLine;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Login;

/// <summary>
/// <c>strongroom logout [--json]</c>: ends the session on the server and deletes the session file. The
/// file goes even when the server cannot be reached, so the cookie does not stay on disk.
/// </summary>
internal static class LogoutCommand
{
    public static Command Create(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var command = new Command("logout", "End the saved session and delete it") { json };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool json, CancellationToken cancellationToken)
    {
        var store = SessionStore.FromEnvironment(context.GetEnvironmentVariable);
        SavedSession? session;
        try
        {
            session = store.Load();
        }
        catch (CliException)
        {
            store.Delete();
            throw new CliException($"The session file was damaged and has been deleted; the session on the server ends when it expires.");
        }

        if (session is null)
        {
            await Report(context, json, null, false, "Not signed in; nothing to do.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        CliException? unreachable = null;
        try
        {
            using var client = StrongroomClient.ForSession(session);
            await client.PostAsync("api/auth/logout", null, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException)
        {
            // 401/403: the server no longer knows this session (it expired), which is the goal anyway.
        }
        catch (CliException e)
        {
            unreachable = e;
        }
        finally
        {
            store.Delete();
        }

        if (unreachable is not null)
        {
            throw new CliException($"Deleted the local session, but could not end it on the server (it stays valid until it expires). {unreachable.Message}");
        }

        await Report(context, json, session.Server, true, $"Signed out of {session.Server}.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static Task Report(CliContext context, bool json, string? server, bool signedOut, string text) =>
        json ? ClientCommand.WriteJsonAsync(context, new { server, signedOut }) : context.Out.WriteLineAsync(text);
}
