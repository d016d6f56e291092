using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>
/// Declares the errors an endpoint filter answers with before the handler runs (the handler's own are in its
/// <c>Results&lt;…&gt;</c>), so that the OpenAPI document lists them too.
/// </summary>
public static class FilterErrors
{
    public static TBuilder ProducesFilterErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. statuses.Select(status => new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]))]);
}
