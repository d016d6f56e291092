using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>404: no such thing (or not one the caller may see).</summary>
public sealed class NotFoundError(string code, string message, string? errorCodeHeader = null)
    : ApiErrorResult(StatusCodes.Status404NotFound, code, message, errorCodeHeader), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status404NotFound);
}
