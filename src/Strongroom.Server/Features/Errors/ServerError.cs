using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>500: something stored is not what it should be.</summary>
public sealed class ServerError(string code, string message) : ApiErrorResult(StatusCodes.Status500InternalServerError, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status500InternalServerError);
}
