using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// The endpoint filter for what only a person at a signed-in session may do (manage tokens, change a
/// password, create an organization): no caller gets 401, a token 403 <c>session_required</c>.
/// </summary>
internal static class SessionOnly
{
    /// <param name="why">The 403 message: what needs the session.</param>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Require(string why) =>
        async (context, next) =>
        {
            var caller = context.HttpContext.GetCaller();
            if (caller.User is null)
            {
                return ApiError.Unauthorized();
            }

            if (!caller.IsInteractive)
            {
                return ApiError.Forbidden("session_required", why);
            }

            return await next(context).ConfigureAwait(false);
        };
}
