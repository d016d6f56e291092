using System.Text.Json.Serialization;

namespace Strongroom.Server.Contracts;

/// <summary>What a <see cref="ScopedGrantDto"/> applies to, named as the hub names it (<c>_id</c> for its id).</summary>
public sealed record EntityDto(string? Type, string? Name, [property: JsonPropertyName("_id")] string? Id);
