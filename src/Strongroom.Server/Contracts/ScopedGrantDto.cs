namespace Strongroom.Server.Contracts;

/// <summary>One entry of a <see cref="GrantDto"/>: permissions on one entity (a repository, an org, a user).</summary>
public sealed record ScopedGrantDto(EntityDto? Entity, IReadOnlyList<string>? Permissions);
