using System.CommandLine;
using System.Text.Json;
using Strongroom.Cli.Client;

namespace Strongroom.Cli.Repos;

/// <summary><c>repos list [--type T] [--author NS] [--search TEXT] [--json]</c>: every page, followed through the <c>Link</c> header.</summary>
internal static class ListReposCommand
{
    /// <summary>Pages are followed up to this many, so a misbehaving server cannot keep the CLI looping.</summary>
    private const int MaxPages = 100;

    public static Command Create(CliContext context)
    {
        var type = RepoKind.Option();
        var author = new Option<string?>("--author") { Description = "Only this user's or organization's repositories" };
        var search = new Option<string?>("--search") { Description = "Only names containing this text" };
        var json = ClientCommand.JsonOption();
        var command = new Command("list", "List the models, datasets or Spaces you can see") { type, author, search, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kind = parse.GetValue(type)!;
            var query = new List<string>();
            if (parse.GetValue(author) is { Length: > 0 } a)
            {
                query.Add("author=" + Uri.EscapeDataString(a));
            }

            if (parse.GetValue(search) is { Length: > 0 } s)
            {
                query.Add("search=" + Uri.EscapeDataString(s));
            }

            using var client = ClientCommand.OpenSession(context);
            var repos = await ReadAllAsync(client, $"api/{RepoKind.Plural(kind)}" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), cancellationToken)
                .ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await ClientCommand.WriteJsonAsync(context, repos).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = kind == RepoKind.Space ? new TextTable("NAME", "VISIBILITY", "SDK", "UPDATED") : new TextTable("NAME", "VISIBILITY", "UPDATED");
            foreach (var repo in repos)
            {
                var view = RepoInfoCommand.Summary.From(repo);
                if (kind == RepoKind.Space)
                {
                    table.Add(view.Name, view.Visibility, view.Sdk, view.Updated);
                }
                else
                {
                    table.Add(view.Name, view.Visibility, view.Updated);
                }
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<List<JsonElement>> ReadAllAsync(StrongroomClient client, string path, CancellationToken cancellationToken)
    {
        var all = new List<JsonElement>();
        string? next = path;
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            var response = await client.GetAsync(next, cancellationToken).ConfigureAwait(false);
            all.AddRange(response.Read<List<JsonElement>>());
            next = NextPage(client.Server, response.Headers.TryGetValues("Link", out var links) ? links.FirstOrDefault() : null);
        }

        return all;
    }

    /// <summary>The path and query of <c>Link: &lt;URL&gt;; rel="next"</c>, and only on the same server (the session cookie goes with it).</summary>
    internal static string? NextPage(Uri server, string? link)
    {
        if (link is null || !link.Contains("rel=\"next\"", StringComparison.Ordinal))
        {
            return null;
        }

        var start = link.IndexOf('<', StringComparison.Ordinal);
        var end = link.IndexOf('>', StringComparison.Ordinal);
        if (start < 0 || end <= start)
        {
            return null;
        }

        return Uri.TryCreate(link[(start + 1)..end], UriKind.Absolute, out var url) && url.Authority == server.Authority
            ? url.PathAndQuery.TrimStart('/')
            : null;
    }
}
