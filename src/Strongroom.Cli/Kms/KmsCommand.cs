using System.CommandLine;
using System.Globalization;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Kms;

namespace Strongroom.Cli.Kms;

/// <summary>
/// <c>strongroom kms status|rotate|retire VERSION [--json]</c>: rotate the server's KMS key, follow the
/// background rewrap, and retire versions that no longer wrap anything. Needs a hub admin's session.
/// </summary>
internal static class KmsCommand
{
    public static Command Create(CliContext context) => new("kms", "KMS key versions: rotate, rewrap status, retire (needs a hub admin's 'strongroom login')")
    {
        Status(context),
        Rotate(context),
        Retire(context),
    };

    private static Command Status(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var command = new Command("status", "Show the provider, key versions, the data keys each wraps, and the rewrap's progress") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync("api/admin/kms/status", cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var status = response.Read<KmsContracts.StatusView>();
            await context.Out.WriteLineAsync($"Provider: {TextTable.Printable(status.Provider)}, primary version {Number(status.PrimaryVersion)}").ConfigureAwait(false);
            var table = new TextTable("VERSION", "STATE", "WRAPPED KEYS", "CREATED");
            foreach (var version in status.Versions)
            {
                table.Add(Number(version.Version), version.State, Number(version.WrappedKeys), ClientCommand.Time(version.CreatedAt));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            var rewrap = status.Rewrap;
            var failed = rewrap.LastFailed is > 0 ? $", {Number(rewrap.LastFailed.Value)} failed to open in the last pass (see the server log)" : "";
            await context.Out.WriteLineAsync($"Rewrap: {Number(rewrap.Pending)} pending, {(rewrap.Running ? "running" : "idle")}{failed}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var json = ClientCommand.JsonOption();
        var command = new Command("rotate", "Make a new key version primary; the server then rewraps every data key under it") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.PostAsync("api/admin/kms/rotate", null, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var rotated = response.Read<KmsContracts.RotateView>();
            await context.Out.WriteLineAsync(
                $"Version {Number(rotated.PrimaryVersion)} is now primary (was {Number(rotated.PreviousVersion)}). "
                + "The rewrap runs in the background; 'strongroom kms status' shows what is pending.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retire(CliContext context)
    {
        var version = new Argument<int>("version") { Description = "The key version to retire (not primary, wrapping no data key)" };
        var json = ClientCommand.JsonOption();
        var command = new Command("retire", "Retire a key version: it can no longer wrap or unwrap") { version, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var path = "api/admin/kms/versions/" + Number(parse.GetValue(version)) + "/retire";
            var response = await client.PostAsync(path, null, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var retired = response.Read<KmsContracts.VersionView>();
            await context.Out.WriteLineAsync($"Version {Number(retired.Version)} is {retired.State}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
