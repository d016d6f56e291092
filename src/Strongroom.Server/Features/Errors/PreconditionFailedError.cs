using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>412: what the request was based on has moved.</summary>
public sealed class PreconditionFailedError(string code, string message) : ApiErrorResult(StatusCodes.Status412PreconditionFailed, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status412PreconditionFailed);
}
