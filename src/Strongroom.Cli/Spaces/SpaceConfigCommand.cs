using System.CommandLine;
using Strongroom.Cli.Client;
using Strongroom.Server.Features.Spaces;

namespace Strongroom.Cli.Spaces;

/// <summary>
/// <c>strongroom secrets|variables list|set|delete --space NS/NAME</c>: a Space's configuration over
/// the hub's own endpoints, with the signed-in session. A secret's value is never an argument (it
/// would show in the process list and the shell history): it is read from stdin or typed without
/// echo, and no command ever prints one.
/// </summary>
internal static class SpaceConfigCommand
{
    public static Command Secrets(CliContext context) => new("secrets", "Manage a Space's secrets (write-only; needs 'strongroom login')")
    {
        List(context, "secrets", showValues: false),
        SetSecret(context),
        Delete(context, "secrets", "secret"),
    };

    public static Command Variables(CliContext context) => new("variables", "Manage a Space's variables (needs 'strongroom login')")
    {
        List(context, "variables", showValues: true),
        SetVariable(context),
        Delete(context, "variables", "variable"),
    };

    private static Option<string> SpaceOption() => new("--space") { Description = "The Space, as namespace/name", Required = true };

    private static string PathOf(string space, string noun) => SpacePath.Api(space) + noun;

    private static Command List(CliContext context, string noun, bool showValues)
    {
        var space = SpaceOption();
        var json = ClientCommand.JsonOption();
        var command = new Command("list", showValues ? "List variables with their values" : "List secrets (keys, descriptions and update times; never values)") { space, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync(PathOf(parse.GetValue(space)!, noun), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = showValues ? new TextTable("KEY", "VALUE", "DESCRIPTION", "UPDATED") : new TextTable("KEY", "DESCRIPTION", "UPDATED");
            if (showValues)
            {
                foreach (var v in response.Read<Dictionary<string, VariableView>>().Values)
                {
                    table.Add(v.Key, v.Value, v.Description ?? "", ClientCommand.Time(v.UpdatedAt));
                }
            }
            else
            {
                foreach (var s in response.Read<Dictionary<string, SecretView>>().Values)
                {
                    table.Add(s.Key, s.Description ?? "", ClientCommand.Time(s.UpdatedAt));
                }
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetSecret(CliContext context)
    {
        var space = SpaceOption();
        var key = new Argument<string>("key") { Description = "The secret's name (a letter, then letters, digits or '_')" };
        var description = new Option<string?>("--description") { Description = "What the secret is for" };
        var valueStdin = new Option<bool>("--value-stdin") { Description = "Read the value from stdin, all of it (one trailing newline dropped); else it is typed without echo" };
        var command = new Command("set", "Create or replace a secret; the value is never shown again") { space, key, description, valueStdin };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var value = ReadSecretValue(context, parse.GetValue(valueStdin));
            using var client = ClientCommand.OpenSession(context);
            await client.PostAsync(PathOf(parse.GetValue(space)!, "secrets"),
                new SpaceConfigWriteRequest(parse.GetValue(key), value, parse.GetValue(description)), cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Set secret {parse.GetValue(key)} of {parse.GetValue(space)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetVariable(CliContext context)
    {
        var space = SpaceOption();
        var key = new Argument<string>("key") { Description = "The variable's name (a letter, then letters, digits or '_')" };
        var value = new Argument<string>("value") { Description = "Its value (variables are not secret; use 'secrets set' for anything that is)" };
        var description = new Option<string?>("--description") { Description = "What the variable is for" };
        var command = new Command("set", "Create or replace a variable") { space, key, value, description };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            await client.PostAsync(PathOf(parse.GetValue(space)!, "variables"),
                new SpaceConfigWriteRequest(parse.GetValue(key), parse.GetValue(value), parse.GetValue(description)), cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Set variable {parse.GetValue(key)} of {parse.GetValue(space)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliContext context, string noun, string singular)
    {
        var space = SpaceOption();
        var key = new Argument<string>("key") { Description = $"The {singular}'s name" };
        var command = new Command("delete", $"Delete a {singular}") { space, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = ClientCommand.OpenSession(context);
            await client.SendAsync(HttpMethod.Delete, PathOf(parse.GetValue(space)!, noun), new SpaceConfigDeleteRequest(parse.GetValue(key)), cancellationToken)
                .ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Deleted {singular} {parse.GetValue(key)} of {parse.GetValue(space)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>All of stdin (secrets such as PEM keys span lines), or one line typed without echo.</summary>
    private static string ReadSecretValue(CliContext context, bool fromStdin)
    {
        string? value;
        if (fromStdin)
        {
            value = context.In.ReadToEnd();
            value = value.EndsWith("\r\n", StringComparison.Ordinal) ? value[..^2] : value.EndsWith('\n') ? value[..^1] : value;
        }
        else if (context.Prompt is { } ask)
        {
            value = ask("Value: ", false);
        }
        else
        {
            throw new CliException("No terminal to ask for the value on: pipe it in with --value-stdin.");
        }

        return string.IsNullOrEmpty(value) ? throw new CliException("The value is empty.") : value;
    }
}
