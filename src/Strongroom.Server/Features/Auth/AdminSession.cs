using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// The endpoint filter for hub administration (users, runners, the KMS): a hub admin at an interactive
/// session. No caller gets 401; anyone else, tokens included, 403 <c>admin_session_required</c>.
/// </summary>
internal static class AdminSession
{
    public static async ValueTask<object?> Require(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var caller = context.HttpContext.GetCaller();
        if (caller.User is null)
        {
            return ApiError.Unauthorized();
        }

        if (!caller.IsInteractive || !caller.User.IsAdmin)
        {
            return ApiError.Forbidden("admin_session_required", "This needs a hub admin's interactive session");
        }

        return await next(context).ConfigureAwait(false);
    }
}
