using System.CommandLine;
using System.Text.Json;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Leaks;

/// <summary>
/// <c>strongroom leaks list|resolve</c>: the leak alerts the hub's sweeps raised about secrets in your
/// public repositories (or, with <c>--org</c>, an organization's, for its admins).
/// </summary>
internal static class LeaksCommand
{
    private static readonly string[] States = ["open", "resolved", "false-positive", "revoked-elsewhere"];

    public static Command Create(CliContext context) => new("leaks", "Leak alerts: secrets found in your public repositories (needs 'strongroom login')")
    {
        List(context),
        Resolve(context),
    };

    private static Command List(CliContext context)
    {
        var org = new Option<string?>("--org") { Description = "An organization's alerts (you must be one of its admins)" };
        var state = new Option<string?>("--state") { Description = "Only alerts in this state: " + string.Join(", ", States) };
        state.AcceptOnlyFromAmong(States);
        var json = ClientCommand.JsonOption();
        var command = new Command("list", "List leak alerts, newest first") { org, state, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var path = Base(parse.GetValue(org)) + (parse.GetValue(state) is { } s ? "?state=" + s : "");
            var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "STATE", "REPOSITORY", "WHERE", "RULE", "FIRST SEEN");
            foreach (var alert in response.Read<List<JsonElement>>())
            {
                table.Add(
                    alert.GetProperty("id").GetString()!,
                    alert.GetProperty("state").GetString()!,
                    alert.GetProperty("repository").GetString()!,
                    $"{alert.GetProperty("path").GetString()}:{alert.GetProperty("line").GetInt64()}",
                    alert.GetProperty("rule").GetString()!,
                    ClientCommand.Time(alert.GetProperty("firstSeenAt").GetDateTimeOffset()));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Resolve(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The alert's id (from 'leaks list')" };
        var org = new Option<string?>("--org") { Description = "The alert is an organization's" };
        var state = new Option<string>("--state") { Description = "The new state: " + string.Join(", ", States), DefaultValueFactory = _ => "resolved" };
        state.AcceptOnlyFromAmong(States);
        var json = ClientCommand.JsonOption();
        var command = new Command("resolve", "Mark a leak alert resolved (or --state false-positive, revoked-elsewhere, open)") { id, org, state, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var alertId = parse.GetValue(id)!;
            var response = await client.PutAsync($"{Base(parse.GetValue(org))}/{StrongroomClient.Segment(alertId)}", new { state = parse.GetValue(state) }, cancellationToken)
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync($"Leak alert {alertId} is now {parse.GetValue(state)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Base(string? org) =>
        org is null ? "api/settings/leaks" : $"api/organizations/{StrongroomClient.Segment(org)}/leaks";
}
