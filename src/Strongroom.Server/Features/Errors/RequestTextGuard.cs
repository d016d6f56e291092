namespace Strongroom.Server.Features.Errors;

/// <summary>
/// Refuses a request whose path or query string, once decoded, holds a control character (400
/// <c>invalid_request</c>). No name, id or parameter has a use for one; a NUL reaching PostgreSQL fails the
/// query, and a newline in a name once slipped past a <c>$</c>-anchored rule.
/// </summary>
internal static class RequestTextGuard
{
    public static void UseRequestTextGuard(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (HasControl(request.Path.Value) || request.Query.Any(q => HasControl(q.Key) || q.Value.Any(HasControl)))
            {
                return ApiError.BadRequest("invalid_request", "The path or query string holds a control character").ExecuteAsync(context);
            }

            return next(context);
        });

    private static bool HasControl(string? text) =>
        text is not null && (text.AsSpan().ContainsAnyInRange('\0', '\u001f') || text.Contains('\u007f', StringComparison.Ordinal));
}
