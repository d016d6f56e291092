namespace Strongroom.Server.Features.Repos;

/// <summary>Body of <c>POST /api/repos/create</c>, as the hub's clients send it.</summary>
public sealed record CreateRepoRequest(string? Name, string? Organization, string? Type, bool? Private, string? Visibility, string? Sdk);

/// <summary>Body of <c>DELETE /api/repos/delete</c>.</summary>
public sealed record DeleteRepoRequest(string? Name, string? Organization, string? Type);

/// <summary>
/// Body of <c>PUT /api/{type}s/{ns}/{name}/settings</c>. <see cref="WorkloadCanWrite"/> (Spaces only,
/// a Strongroom extension) lets the Space's runtime write its own repository; <see cref="SecretsPushProtection"/>
/// (<c>block</c>, <c>warn</c> or <c>off</c>) says what a push holding a third-party secret meets.
/// </summary>
public sealed record RepoSettingsRequest(bool? Private, string? Visibility, bool? WorkloadCanWrite = null, string? SecretsPushProtection = null);

/// <summary>The answer to a creation: where the repository lives.</summary>
public sealed record CreatedRepo(string Url, string Name, string Id);
