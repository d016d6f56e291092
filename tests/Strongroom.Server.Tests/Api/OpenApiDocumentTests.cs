using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> lists every mapped API endpoint (all but those marked
/// excluded: git's wire protocol and the browser pages), each method with every status code the endpoint
/// declares, so the document cannot quietly fall behind the code.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Document_ListsEveryEndpointWithItsStatusCodes()
    {
        using var client = fixture.Server.NewClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var described = MappedEndpoints.All(fixture.Server)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .ToList();

        var missing = new List<string>();
        foreach (var endpoint in described)
        {
            var path = Template(endpoint.RoutePattern);
            foreach (var method in MappedEndpoints.Methods(endpoint))
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    missing.Add($"{method} {path}: not in the document");
                    continue;
                }

                var responses = operation.GetProperty("responses");
                foreach (var status in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Distinct())
                {
                    if (!responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out _))
                    {
                        missing.Add($"{method} {path}: {status} declared but not documented");
                    }
                }
            }
        }

        Assert.True(described.Count > 50, $"only {described.Count} endpoints found"); // the check sees the API
        Assert.True(missing.Count == 0, string.Join('\n', missing));
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
