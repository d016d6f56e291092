using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Auth;

namespace Strongroom.Cli.Login;

/// <summary>
/// <c>strongroom password [--password-stdin]</c>: sets the signed-in user's password. The first admin's
/// one-time password and passwords an admin generated work for nothing else until this is done. With
/// <c>--password-stdin</c> the first line is the current password and the second the new one; on a
/// terminal both are asked without echo, the new one twice.
/// </summary>
internal static class PasswordCommand
{
    public static Command Create(CliContext context)
    {
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the current password, then the new one, from the first two lines of stdin" };
        var command = new Command("password", "Change your password (other sessions are signed out)") { passwordStdin };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(passwordStdin), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool fromStdin, CancellationToken cancellationToken)
    {
        using var client = ClientCommand.OpenSession(context);
        var policy = await PolicyAsync(client, cancellationToken).ConfigureAwait(false);
        if (!fromStdin && context.IsTerminal && policy is not null)
        {
            await context.Error.WriteLineAsync($"A new password needs {policy.MinimumLength} to {policy.MaximumLength} characters.").ConfigureAwait(false);
        }

        var current = SecretInput.ReadPassword(context, fromStdin, "Current password: ");
        var replacement = SecretInput.ReadPassword(context, fromStdin, "New password: ");
        if (policy is not null && replacement.Length < policy.MinimumLength)
        {
            throw new CliException($"The new password has {replacement.Length} characters; it needs at least {policy.MinimumLength}. Nothing was changed.");
        }

        if (!fromStdin && SecretInput.ReadPassword(context, fromStdin: false, "New password again: ") != replacement)
        {
            throw new CliException("The two new passwords differ; nothing was changed.");
        }

        await client.PostAsync("api/auth/password", new SessionEndpoints.ChangePasswordRequest(current, replacement), cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync("Password changed; every other session of yours was signed out.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The server's rule, to say before asking; null from a server too old to tell (it still checks).</summary>
    private static async Task<SessionEndpoints.PasswordPolicyView?> PolicyAsync(StrongroomClient client, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetAsync("api/auth/password-policy", cancellationToken).ConfigureAwait(false)).Read<SessionEndpoints.PasswordPolicyView>();
        }
        catch (ApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
