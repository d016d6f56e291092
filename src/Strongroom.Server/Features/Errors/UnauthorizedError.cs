using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>401: no caller, or not a usable one.</summary>
public sealed class UnauthorizedError(string code, string message) : ApiErrorResult(StatusCodes.Status401Unauthorized, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status401Unauthorized);
}
