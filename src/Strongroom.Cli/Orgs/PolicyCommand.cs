using System.CommandLine;
using System.Globalization;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Orgs;

namespace Strongroom.Cli.Orgs;

/// <summary>
/// <c>strongroom orgs policy ORG [--require-fine-grained true|false] [--max-lifetime-days N|none] [--json]</c>:
/// shows the org's token policy, or changes the settings given and keeps the others.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create(CliContext context)
    {
        var org = new Argument<string>("org") { Description = "Organization name" };
        var requireFineGrained = new Option<bool?>("--require-fine-grained")
        {
            Description = "true: only fine-grained tokens may act on the org's resources",
            HelpName = "true|false",
        };
        var maxLifetime = new Option<string?>("--max-lifetime-days") { Description = "Longest token lifetime for the org's resources, 1-3650, or none", HelpName = "N|none" };
        var json = ClientCommand.JsonOption();
        var command = new Command("policy", "Show or change an organization's token policy") { org, requireFineGrained, maxLifetime, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = OrgsCommand.Path(parse.GetValue(org)!) + "/settings/token-policy";
            var require = parse.GetValue(requireFineGrained);
            var lifetimeText = parse.GetValue(maxLifetime);
            var lifetime = lifetimeText is null ? (int?)null : ParseLifetime(lifetimeText);

            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (require is not null || lifetimeText is not null)
            {
                // The API replaces the whole policy; a setting not given keeps its current value.
                var current = response.Read<TokenPolicy>();
                var next = new TokenPolicy(require ?? current.RequireFineGrained, lifetimeText is null ? current.MaxLifetimeDays : lifetime);
                response = await client.PutAsync(path, next, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var policy = response.Read<TokenPolicy>();
            var table = new TextTable("SETTING", "VALUE");
            table.Add("require-fine-grained", policy.RequireFineGrained ? "true" : "false");
            table.Add("max-lifetime-days", policy.MaxLifetimeDays?.ToString(CultureInfo.InvariantCulture) ?? "none");
            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>none</c> (no cap) or a whole number of days; the server checks the range.</summary>
    private static int? ParseLifetime(string value) =>
        value.Equals("none", StringComparison.OrdinalIgnoreCase) ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw new CliException($"--max-lifetime-days '{value}' is not a number of days or 'none'.");
}
