using Microsoft.AspNetCore.Diagnostics;

namespace Strongroom.Server.Features.Errors;

/// <summary>
/// Turns any unhandled exception into a JSON error without a stack trace; malformed requests get 400.
/// </summary>
internal static class ErrorHandling
{
    public static void UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A malformed body or a client hanging up is the client's doing: answered with a 4xx, not
            // logged as a server error with a stack trace. Everything else is logged as before.
            SuppressDiagnosticsCallback = handled => handled.Exception is BadHttpRequestException or OperationCanceledException,
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, code, message) = error switch
                {
                    BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                        (413, "payload_too_large", "Request body too large"),
                    BadHttpRequestException bad => (bad.StatusCode, "invalid_request", "Malformed request: check the JSON body and parameters"),
                    OperationCanceledException => (499, "cancelled", "Request cancelled"),
                    _ => (500, "internal_error", "Internal server error"),
                };
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new ApiError(message, code)).ConfigureAwait(false);
            },
        });

        app.UseStatusCodePages(async statusContext =>
        {
            var response = statusContext.HttpContext.Response;
            if (response.ContentLength is null && response.ContentType is null)
            {
                var code = response.StatusCode switch
                {
                    404 => "not_found",
                    405 => "method_not_allowed",
                    415 => "unsupported_media_type",
                    _ => "error",
                };
                await response.WriteAsJsonAsync(new ApiError(code.Replace('_', ' '), code)).ConfigureAwait(false);
            }
        });
    }
}
