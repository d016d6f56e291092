using Strongroom.Core.Hub;

namespace Strongroom.Server.Features.Repos;

/// <summary>
/// The <c>{types:repotypes}</c> route segment: "models", "datasets" or "spaces", any case, as
/// <see cref="RepoTypes.TryParsePlural"/> reads it. (The framework's <c>regex</c> constraint anchors with
/// <c>$</c>, which also matches before a trailing newline, so "models%0A" passed it and then failed to parse.)
/// </summary>
internal sealed class RepoTypesRouteConstraint : IRouteConstraint
{
    public const string Name = "repotypes";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && RepoTypes.TryParsePlural(value as string, out _);
}
