using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>403: the caller is known and may not do this.</summary>
public sealed class ForbiddenError(string code, string message) : ApiErrorResult(StatusCodes.Status403Forbidden, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status403Forbidden);
}
