using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Strongroom.Core.Authorization;

namespace Strongroom.Server.Features.Errors;

/// <summary>
/// The access check's refusal: 401 without a usable caller, 403 when the caller may see the resource but not act
/// on it, 404 when it may not even see it (or it does not exist). Which one is the check's to say, so all three are declared.
/// </summary>
public sealed class Denied(AccessDecision decision) : ApiErrorResult(decision.Status, decision.Code, decision.Reason), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Produces(builder, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
}
