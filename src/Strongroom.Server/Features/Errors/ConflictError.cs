using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>409: the change collides with what is stored.</summary>
public sealed class ConflictError(string code, string message) : ApiErrorResult(StatusCodes.Status409Conflict, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status409Conflict);
}
