using System.CommandLine;
using System.Text.Json;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Repos;

/// <summary><c>repos info NS/NAME [--type T] [--json]</c>.</summary>
internal static class RepoInfoCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("repo") { Description = "NAMESPACE/NAME" };
        var type = RepoKind.Option();
        var json = ClientCommand.JsonOption();
        var command = new Command("info", "Show a model, dataset or Space") { name, type, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repo = RepoName.ParseFull(parse.GetValue(name)!);
            var kind = parse.GetValue(type)!;
            using var client = ClientCommand.OpenSession(context);
            var response = await client.GetAsync(RepoKind.ApiPath(kind, repo), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, response.Body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var view = Summary.From(response.Read<JsonElement>());
            await context.Out.WriteLineAsync(RepoKind.Describe(kind, RepoName.Parse(view.Name, null))).ConfigureAwait(false);
            await context.Out.WriteLineAsync("visibility: " + view.Visibility).ConfigureAwait(false);
            if (kind == RepoKind.Space)
            {
                await context.Out.WriteLineAsync("sdk:        " + view.Sdk).ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync("created:    " + view.Created).ConfigureAwait(false);
            await context.Out.WriteLineAsync("updated:    " + view.Updated).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The fields people read, taken from the hub-shaped JSON (which has many more for its clients).</summary>
    internal sealed record Summary(string Name, string Visibility, string Sdk, string Created, string Updated)
    {
        public static Summary From(JsonElement repo) => new(
            TextTable.Printable(Text(repo, "id")),
            repo.TryGetProperty("private", out var p) && p.ValueKind == JsonValueKind.True ? "private" : "public",
            TextTable.Printable(Text(repo, "sdk")),
            ClientCommand.Time(Date(repo, "createdAt")),
            ClientCommand.Time(Date(repo, "lastModified")));

        private static string Text(JsonElement repo, string property) =>
            repo.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";

        private static DateTimeOffset? Date(JsonElement repo, string property) =>
            repo.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var date) ? date : null;
    }
}
