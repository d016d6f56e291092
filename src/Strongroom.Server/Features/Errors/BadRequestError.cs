using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>400: the request itself is wrong.</summary>
public sealed class BadRequestError(string code, string message) : ApiErrorResult(StatusCodes.Status400BadRequest, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status400BadRequest);
}
