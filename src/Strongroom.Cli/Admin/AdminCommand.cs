using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Admin;

namespace Strongroom.Cli.Admin;

/// <summary>
/// <c>strongroom admin users create --username U --email E [--fullname F] [--admin] [--password-stdin] [--json]</c>
/// and <c>strongroom admin runners create|list|revoke</c>:
/// hub administration, which needs a hub admin's session. Without a password it generates a strong
/// one and prints it once, as a token is.
/// </summary>
internal static class AdminCommand
{
    // No look-alike characters (0/O, 1/l/I), so a password read off a screen is typed right.
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int GeneratedLength = 24;

    public static Command Create(CliContext context) => new("admin", "Hub administration (needs a hub admin's 'strongroom login')")
    {
        new Command("users", "Manage user accounts") { CreateUser(context) },
        RunnersCommand.Create(context),
    };

    /// <summary><c>users create</c>.</summary>
    private static Command CreateUser(CliContext context)
    {
        var username = new Option<string>("--username", "-u") { Description = "User name (2-42 letters, digits or single hyphens)", Required = true };
        var email = new Option<string>("--email") { Description = "Email address", Required = true };
        var fullname = new Option<string?>("--fullname") { Description = "Full name" };
        var admin = new Option<bool>("--admin") { Description = "Make the user a hub admin" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin (else one is generated and printed once)" };
        var json = ClientCommand.JsonOption();
        var command = new Command("create", "Create a user account") { username, email, fullname, admin, passwordStdin, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var generated = !parse.GetValue(passwordStdin);
            var password = generated ? GeneratePassword() : SecretInput.ReadPassword(context, fromStdin: true);
            // A generated password is read off this screen by someone else: the user must replace it.
            var request = new AdminUserEndpoints.CreateUserRequest(parse.GetValue(username), parse.GetValue(email), password,
                parse.GetValue(fullname), parse.GetValue(admin), MustChangePassword: generated);

            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync("api/admin/users", request, cancellationToken).ConfigureAwait(false);
            var user = response.Read<AdminUserEndpoints.UserView>();
            await WriteAsync(context, response, user, generated ? password : null, parse.GetValue(json)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string GeneratePassword() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    private static async Task WriteAsync(CliContext context, ApiResponse response, AdminUserEndpoints.UserView user, string? generatedPassword, bool json)
    {
        var summary = $"Created user {user.Username} (id {user.Id}{(user.IsAdmin ? ", hub admin" : "")}).";
        if (generatedPassword is null)
        {
            if (json)
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(summary).ConfigureAwait(false);
            }

            return;
        }

        await context.Error.WriteLineAsync(json ? summary : summary + " Their generated password follows.").ConfigureAwait(false);
        await context.Error.WriteLineAsync("warning: this password is shown once; hand it over securely. The user should set their own ('strongroom password').")
            .ConfigureAwait(false);
        if (json)
        {
            // The server's user object, plus the one-time password (the only copy there is).
            var node = JsonNode.Parse(response.Body)!.AsObject();
            node["generatedPassword"] = generatedPassword;
            await ClientCommand.WriteJsonAsync(context, node.ToJsonString()).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(generatedPassword).ConfigureAwait(false);
        }
    }
}
