namespace Strongroom.Server.Features.Errors;

/// <summary>
/// Every error body: <c>{error, code}</c>. The hub's clients show <c>error</c>; <c>code</c> is stable for programs.
/// The factories answer one typed result per status (see <see cref="ApiErrorResult"/>).
/// </summary>
public sealed record ApiError(string Error, string Code)
{
    public static BadRequestError BadRequest(string code, string message) => new(code, message);

    public static NotFoundError NotFound(string message = "Not found", string code = "not_found") => new(code, message);

    public static UnauthorizedError Unauthorized(string message = "Authentication required", string code = "unauthorized") => new(code, message);

    public static ForbiddenError Forbidden(string code, string message) => new(code, message);

    public static ConflictError Conflict(string code, string message) => new(code, message);

    public static PreconditionFailedError PreconditionFailed(string code, string message) => new(code, message);

    public static PayloadTooLargeError TooLarge(string code, string message) => new(code, message);

    public static UnprocessableError Unprocessable(string code, string message) => new(code, message);

    public static TooManyRequestsError TooManyRequests(string code, string message) => new(code, message);

    public static ServerError ServerError(string code, string message) => new(code, message);

    /// <summary>404 for a branch, tag or commit the repository does not have, with <c>X-Error-Code: RevisionNotFound</c>.</summary>
    public static NotFoundError RevisionNotFound(string revision) =>
        new("revision_not_found", $"Revision not found: {revision}", "RevisionNotFound");

    /// <summary>404 for a path the revision does not have, with <c>X-Error-Code: EntryNotFound</c> (what the hub's clients test).</summary>
    public static NotFoundError EntryNotFound(string message) => new("entry_not_found", message, "EntryNotFound");
}
