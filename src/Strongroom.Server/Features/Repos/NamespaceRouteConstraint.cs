using Strongroom.Core.Hub;

namespace Strongroom.Server.Features.Repos;

/// <summary>
/// The <c>{ns:namespace}</c> segment of the hub's repository URLs: only a name a user or org can have, so that
/// <c>/api/no-such-thing</c> or <c>/openapi/x</c> are not taken for a repository (reserved names never match).
/// </summary>
internal sealed class NamespaceRouteConstraint : IRouteConstraint
{
    public const string Name = "namespace";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && NameRules.IsValidNamespace(value as string);
}
