using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>Every route a server maps, as concrete paths: for tests that must cover every endpoint, including ones added later.</summary>
public static class MappedEndpoints
{
    public static IEnumerable<RouteEndpoint> All(TestServer server) =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    /// <summary>The endpoint's path with each parameter filled from <paramref name="values"/>, else <c>x1</c>.</summary>
    public static string Path(RouteEndpoint endpoint, IReadOnlyDictionary<string, string> values) =>
        "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "x1"),
            _ => "",
        }))));
}
