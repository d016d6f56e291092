using System.CommandLine;
using System.Globalization;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Tokens;

namespace Strongroom.Cli.Tokens;

/// <summary>
/// <c>strongroom tokens create --name NAME [--role fineGrained|read|write] [--expires DATE | --expires-in-days N]
/// [--scope TYPE:NAME=perm,... ...] [--global perm,...] [--can-read-gated-repos] [--json]</c>.
/// Fine-grained by default; the raw token is printed once.
/// </summary>
internal static class CreateTokenCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Display name (1-100 characters)", Required = true };
        var role = new Option<string>("--role") { Description = "fineGrained (default), or classic read or write", DefaultValueFactory = _ => "fineGrained" };
        role.AcceptOnlyFromAmong("fineGrained", "read", "write");
        var expires = new Option<string?>("--expires") { Description = "Expiry: a date (YYYY-MM-DD, 00:00 UTC) or an ISO 8601 time" };
        var expiresInDays = new Option<int?>("--expires-in-days") { Description = "Expiry in N days from now (1-3650)" };
        var scope = new Option<string[]>("--scope")
        {
            Description = "Fine-grained permissions on one entity, TYPE:NAME=perm1,perm2 with TYPE user|org|model|dataset|space (repeatable)",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "TYPE:NAME=perms",
        };
        var global = new Option<string[]>("--global") { Description = "Fine-grained permissions not tied to an entity, perm1,perm2", HelpName = "perms" };
        var gated = new Option<bool>("--can-read-gated-repos") { Description = "Let the token read gated repositories its owner has access to" };
        var json = ClientCommand.JsonOption();
        var command = new Command("create", "Create a token (fine-grained by default) and print it once")
        {
            name, role, expires, expiresInDays, scope, global, gated, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var roleValue = parse.GetValue(role)!;
            var grant = GrantArguments.Parse(parse.GetValue(scope) ?? [], parse.GetValue(global) ?? [], parse.GetValue(gated));
            if (roleValue != "fineGrained" && grant is not null)
            {
                throw new CliException("--scope, --global and --can-read-gated-repos apply to fine-grained tokens only.");
            }

            var expiresAt = ExpiresAt(context, parse.GetValue(expires), parse.GetValue(expiresInDays));
            if (roleValue == "fineGrained" && grant is null)
            {
                await context.Error.WriteLineAsync("warning: no --scope or --global given: this fine-grained token will grant no permissions.")
                    .ConfigureAwait(false);
            }

            using var client = ClientCommand.OpenSession(context);
            var request = new CreateTokenRequest(parse.GetValue(name), roleValue, expiresAt, grant);
            var response = await client.PostAsync("api/settings/tokens", request, cancellationToken).ConfigureAwait(false);
            await TokensCommand.WriteIssuedAsync(context, response, parse.GetValue(json), "Created").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <exception cref="CliException">Both options, a bad date, or a time not in the future.</exception>
    internal static DateTimeOffset? ExpiresAt(CliContext context, string? expires, int? inDays)
    {
        if (expires is not null && inDays is not null)
        {
            throw new CliException("Give either --expires or --expires-in-days, not both.");
        }

        var now = context.Time.GetUtcNow();
        if (inDays is { } days)
        {
            return days is >= 1 and <= 3650
                ? now.AddDays(days)
                : throw new CliException("--expires-in-days must be between 1 and 3650.");
        }

        if (expires is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw new CliException($"--expires '{expires}' is not a date (YYYY-MM-DD) or an ISO 8601 time.");
        }

        return at > now ? at : throw new CliException($"--expires {at:yyyy-MM-dd HH:mm}Z is not in the future.");
    }
}
