namespace Strongroom.Server.Features.Spaces;

/// <summary>Body of <c>POST /api/spaces/{ns}/{name}/secrets</c> and <c>/variables</c>, as the hub's clients send it.</summary>
public sealed record SpaceConfigWriteRequest(string? Key, string? Value, string? Description);

/// <summary>Body of <c>DELETE /api/spaces/{ns}/{name}/secrets</c> and <c>/variables</c>.</summary>
public sealed record SpaceConfigDeleteRequest(string? Key);

/// <summary>One secret in a listing: never its value.</summary>
public sealed record SecretView(string Key, string? Description, DateTimeOffset UpdatedAt);

/// <summary>One variable in a listing, with its value.</summary>
public sealed record VariableView(string Key, string Value, string? Description, DateTimeOffset UpdatedAt);

/// <summary>A secret or variable supplied when duplicating a Space: <c>{key, value, description?}</c>.</summary>
public sealed record SpaceConfigEntry(string? Key, string? Value, string? Description);

/// <summary>Body of <c>POST /api/spaces/{ns}/{name}/duplicate</c>, as <c>huggingface_hub.duplicate_space</c> sends it.</summary>
public sealed record DuplicateSpaceRequest(string? Repository, bool? Private, IReadOnlyList<SpaceConfigEntry>? Secrets, IReadOnlyList<SpaceConfigEntry>? Variables);

/// <summary>The answer to a duplication: where the new Space lives.</summary>
public sealed record DuplicatedSpace(string Url, string Name, string Id);
