namespace Strongroom.Server.Features.Errors;

/// <summary>
/// Every error body: <c>{error, code}</c>. The hub's clients show <c>error</c>; <c>code</c> is stable for programs.
/// </summary>
public sealed record ApiError(string Error, string Code)
{
    public static IResult Result(int status, string code, string message) =>
        Results.Json(new ApiError(message, code), statusCode: status);

    public static IResult BadRequest(string code, string message) => Result(StatusCodes.Status400BadRequest, code, message);

    public static IResult NotFound(string message = "Not found") => Result(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult Unauthorized(string message = "Authentication required", string code = "unauthorized") =>
        Result(StatusCodes.Status401Unauthorized, code, message);

    public static IResult Forbidden(string code, string message) => Result(StatusCodes.Status403Forbidden, code, message);

    public static IResult Conflict(string code, string message) => Result(StatusCodes.Status409Conflict, code, message);

    /// <summary>404 for a branch, tag or commit the repository does not have, with <c>X-Error-Code: RevisionNotFound</c>.</summary>
    public static IResult RevisionNotFound(string revision) =>
        new ErrorCodeResult(Result(StatusCodes.Status404NotFound, "revision_not_found", $"Revision not found: {revision}"), "RevisionNotFound");

    /// <summary>404 for a path the revision does not have, with <c>X-Error-Code: EntryNotFound</c> (what the hub's clients test).</summary>
    public static IResult EntryNotFound(string message) =>
        new ErrorCodeResult(Result(StatusCodes.Status404NotFound, "entry_not_found", message), "EntryNotFound");
}
