using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> lists every mapped endpoint, each method with every status code
/// the endpoint declares (a handler declares them with its <c>Results&lt;…&gt;</c> union), so the document cannot
/// quietly fall behind the code. Only the endpoints in <see cref="WhyHidden"/> are left out, each for its reason.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Document_ListsEveryEndpointWithItsStatusCodes()
    {
        var paths = await PathsAsync();
        var endpoints = MappedEndpoints.All(fixture.Server).ToList();

        var gaps = Gaps(paths, endpoints);

        Assert.True(endpoints.Count(e => WhyHidden(e) is null) > 50, "the check sees the API");
        Assert.True(gaps.Count == 0, string.Join('\n', gaps));
    }

    [Fact]
    public async Task Document_HidesOnlyEndpointsWithAReason()
    {
        var unexplained = MappedEndpoints.All(fixture.Server)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true && WhyHidden(e) is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        var paths = await PathsAsync();

        Assert.True(unexplained.Count == 0, "hidden from the document without a reason: " + string.Join(", ", unexplained));
        Assert.DoesNotContain(paths.AsObject(), path => path.Key.EndsWith("/info/refs", StringComparison.Ordinal)); // hidden ones are hidden
    }

    [Fact]
    public async Task Gaps_AnEndpointOrAStatusMissingFromTheDocument_AreReported()
    {
        var endpoints = MappedEndpoints.All(fixture.Server).ToList();
        var withoutWhoAmI = await PathsAsync();
        withoutWhoAmI.AsObject().Remove("/api/whoami-v2");
        var withoutA404 = await PathsAsync();
        withoutA404["/api/settings/tokens/{id}"]!["delete"]!["responses"]!.AsObject().Remove("404");

        Assert.Contains("GET /api/whoami-v2: not in the document", Gaps(withoutWhoAmI, endpoints));
        Assert.Contains("DELETE /api/settings/tokens/{id}: 404 declared but not documented", Gaps(withoutA404, endpoints));
    }

    /// <summary>
    /// Why an endpoint is left out of the document, or null for every endpoint that must be in it: the document is for
    /// programs calling the JSON API, and these are not that.
    /// </summary>
    private static string? WhyHidden(RouteEndpoint endpoint)
    {
        var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType;
        while (handler?.DeclaringType is { } outer)
        {
            handler = outer; // a lambda's closure class sits inside the class that maps it
        }

        return handler?.Name switch
        {
            "GitHttpEndpoints" => "git's smart HTTP protocol: its client is git, its wire format is git's, not JSON",
            "HomeEndpoints" or "RepoPageEndpoints" => "an HTML page for people in a browser",
            _ when endpoint.RoutePattern.RawText == "/openapi/{documentName}.json" => "the document itself",
            _ => null,
        };
    }

    /// <summary>Each endpoint method, and each status it declares, that the document's paths lack.</summary>
    private static List<string> Gaps(JsonNode paths, IEnumerable<RouteEndpoint> endpoints)
    {
        var gaps = new List<string>();
        foreach (var endpoint in endpoints.Where(e => WhyHidden(e) is null))
        {
            var path = Template(endpoint.RoutePattern);
            foreach (var method in MappedEndpoints.Methods(endpoint))
            {
                if (paths[path]?[method.ToLowerInvariant()]?["responses"] is not JsonObject responses)
                {
                    gaps.Add($"{method} {path}: not in the document");
                    continue;
                }

                foreach (var status in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Distinct())
                {
                    if (!responses.ContainsKey(status.ToString(CultureInfo.InvariantCulture)))
                    {
                        gaps.Add($"{method} {path}: {status} declared but not documented");
                    }
                }
            }
        }

        return gaps;
    }

    private async Task<JsonNode> PathsAsync()
    {
        using var client = fixture.Server.NewClient();
        var document = await client.GetFromJsonAsync<JsonNode>("/openapi/v1.json");
        return document!["paths"]!;
    }

    /// <summary>The route as OpenAPI writes it: parameters without their constraints, a catch-all as a plain parameter.</summary>
    private static string Template(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
