using System.Text.Json.Serialization;
using Strongroom.Core.Hub;

namespace Strongroom.Server.Features.Repos;

/// <summary>A repository in the hub's JSON shape (the fields its clients read).</summary>
public sealed record RepoView(
    [property: JsonPropertyName("_id")] string MongoId,
    string Id,
    string Author,
    bool Private,
    bool Gated,
    bool Disabled,
    int Downloads,
    int Likes,
    DateTimeOffset LastModified,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Tags,
    IReadOnlyList<RepoSibling> Siblings,
    [property: JsonPropertyName("modelId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ModelId,
    [property: JsonPropertyName("pipeline_tag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PipelineTag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sdk,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sha = null)
{
    public static RepoView From(Repository r) => new(
        r.Id, r.FullName, r.Namespace, r.Private, false, false, 0, 0, r.UpdatedAt, r.CreatedAt, [], [],
        r.Type == RepoType.Model ? r.FullName : null, null, r.Type == RepoType.Space ? r.Sdk : null);

    /// <summary>The repository at a commit, as <c>GET /api/{type}s/{ns}/{name}/revision/{rev}</c> answers: its <c>sha</c> and files.</summary>
    public static RepoView AtRevision(Repository r, string sha, DateTimeOffset committed, IEnumerable<string> files) =>
        From(r) with { Sha = sha, LastModified = committed, Siblings = [.. files.Select(f => new RepoSibling(f))] };
}

/// <summary>One file of a repository, in the hub's <c>siblings</c> list.</summary>
public sealed record RepoSibling(string Rfilename);
