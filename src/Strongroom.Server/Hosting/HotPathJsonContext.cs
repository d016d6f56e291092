using System.Text.Json;
using System.Text.Json.Serialization;
using Strongroom.Git.Content;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Repos;
using Strongroom.Server.Features.WhoAmI;

namespace Strongroom.Server.Hosting;

/// <summary>
/// Source-generated JSON metadata for the bodies of the endpoints every client calls most (whoami-v2,
/// auth/check, repository info and tree): first in the HTTP options' resolver chain, so these types are
/// not reflected over at run time; every other type falls through to the reflection resolver. The
/// metadata is built against the HTTP options themselves, so names, nulls and the hub's converters are
/// theirs and the JSON is the same either way.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 32)]
[JsonSerializable(typeof(WhoAmIEndpoints.WhoAmIView))]
[JsonSerializable(typeof(AuthCheckEndpoints.CheckRequest))]
[JsonSerializable(typeof(AuthCheckEndpoints.CheckResponse))]
[JsonSerializable(typeof(RepoView))]
[JsonSerializable(typeof(List<TreeItem>))]
[JsonSerializable(typeof(IReadOnlyList<TreeItem>))]
internal sealed partial class HotPathJsonContext : JsonSerializerContext;
