using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>413: a value over its limit.</summary>
public sealed class PayloadTooLargeError(string code, string message) : ApiErrorResult(StatusCodes.Status413PayloadTooLarge, code, message), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status413PayloadTooLarge);
}
