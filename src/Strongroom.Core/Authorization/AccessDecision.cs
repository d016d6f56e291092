namespace Strongroom.Core.Authorization;

/// <summary>
/// The answer to "may this caller do this here", with the HTTP status the hub gives for it:
/// 401 without valid credentials, 403 when the caller can see the resource but may not act, 404 when
/// the resource is absent or invisible.
/// </summary>
public sealed record AccessDecision(bool Allowed, int Status, string Code, string Reason)
{
    public static AccessDecision Allow(string reason) => new(true, 200, "allowed", reason);

    public static AccessDecision Unauthenticated { get; } =
        new(false, 401, "unauthorized", "Authentication required");

    public static AccessDecision NotFound { get; } =
        new(false, 404, "not_found", "Resource not found or not visible to you");

    public static AccessDecision Forbidden(string code, string reason) => new(false, 403, code, reason);
}
