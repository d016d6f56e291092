using Strongroom.Core.Hub;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Home;

namespace Strongroom.Server.Features.Repos;

/// <summary>
/// The hub's repository URLs (<c>/{ns}/{name}</c> for models, <c>/datasets/…</c>, <c>/spaces/…</c>), which
/// repository creation answers as <c>url</c>: the repository's info as JSON for API clients, a page for
/// browsers, behind the same access check as <c>GET /api/{type}s/{ns}/{name}</c>.
/// </summary>
public static class RepoPageEndpoints
{
    public static void MapRepoPageEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var (prefix, type) in RepoUrls.Prefixes)
        {
            routes.MapGet(prefix + "/{ns:namespace}/{name}", (string ns, string name, HttpContext context, AccessGuard guard) => ShowAsync(type, ns, name, context, guard))
                .WithTags("Repositories").ExcludeFromDescription();
        }
    }

    private static async Task<IResult> ShowAsync(RepoType type, string ns, string name, HttpContext context, AccessGuard guard)
    {
        var (repo, denial) = await RepoEndpoints.ReadableAsync(type, ns, name, context, guard).ConfigureAwait(false);
        if (!HtmlPage.Wanted(context.Request))
        {
            return repo is null ? AccessGuard.Deny(denial!) : Results.Ok(RepoView.From(repo));
        }

        if (repo is null)
        {
            return HtmlPage.Render(context, denial!.Status, "Not found",
                "No such repository, or it is private and you are not signed in as someone who may see it.");
        }

        var api = $"/api/{type.ToWord()}s/{repo.FullName}";
        return HtmlPage.Render(context, StatusCodes.Status200OK, repo.FullName,
            $"A {(repo.Private ? "private" : "public")} {HtmlPage.Encode(type.ToWord())} repository"
                + $"{(repo.Sdk is { } sdk ? $" (SDK <code>{HtmlPage.Encode(sdk)}</code>)" : "")}, created {repo.CreatedAt:yyyy-MM-dd}.",
            $"As JSON: <a href=\"{HtmlPage.Encode(api)}\">{HtmlPage.Encode(api)}</a>.");
    }
}
