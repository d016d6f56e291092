using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// The endpoint filter for what only a person at a signed-in session may do (manage tokens, change a
/// password): any token gets 403 <c>session_required</c>, no caller 401.
/// </summary>
internal static class SessionOnly
{
    /// <param name="why">The 403 message: what needs the session.</param>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Require(string why) =>
        async (context, next) =>
        {
            // A token first: workload and runner tokens have no user, and still get 403, not 401.
            var caller = context.HttpContext.GetCaller();
            if (caller.Token is not null)
            {
                return ApiError.Forbidden("session_required", why);
            }

            return caller.User is null ? ApiError.Unauthorized() : await next(context).ConfigureAwait(false);
        };
}
