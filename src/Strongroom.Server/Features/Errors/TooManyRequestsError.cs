using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>429: slow down.</summary>
public sealed class TooManyRequestsError(string code, string message) : ApiErrorResult(StatusCodes.Status429TooManyRequests, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status429TooManyRequests);
}
