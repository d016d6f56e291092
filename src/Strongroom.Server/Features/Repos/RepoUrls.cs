using Strongroom.Core.Hub;

namespace Strongroom.Server.Features.Repos;

/// <summary>
/// The hub's repository URLs: a model at <c>/{ns}/{name}</c>, a dataset at <c>/datasets/{ns}/{name}</c>, a
/// Space at <c>/spaces/{ns}/{name}</c>. The page, file download and git routes are mapped once per prefix.
/// </summary>
internal static class RepoUrls
{
    /// <summary>Each type's path prefix (empty, or starting with '/').</summary>
    public static readonly IReadOnlyList<(string Prefix, RepoType Type)> Prefixes =
        [("", RepoType.Model), ("/datasets", RepoType.Dataset), ("/spaces", RepoType.Space)];

    /// <summary>The repository's web address on this server, plus <paramref name="suffix"/> (e.g. <c>/commit/{sha}</c>).</summary>
    public static string Of(HttpContext context, Repository repo, string suffix = "")
    {
        var prefix = Prefixes.First(p => p.Type == repo.Type).Prefix;
        return $"{context.Request.Scheme}://{context.Request.Host}{prefix}/{repo.FullName}{suffix}";
    }
}
