using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>422: well-formed, refused for what it holds (push protection).</summary>
public sealed class UnprocessableError(string code, string message) : ApiErrorResult(StatusCodes.Status422UnprocessableEntity, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status422UnprocessableEntity);
}
