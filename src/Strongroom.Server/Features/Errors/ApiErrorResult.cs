using Microsoft.AspNetCore.Http.Metadata;

namespace Strongroom.Server.Features.Errors;

/// <summary>
/// An error answer: its status and an <see cref="ApiError"/> body (and, for some 404s, the hub's <c>X-Error-Code</c>
/// header, which its clients test). Each status is a type of its own (<see cref="BadRequestError"/>,
/// <see cref="NotFoundError"/>, ...), so that a handler's <c>Results&lt;…&gt;</c> says which it answers and the
/// OpenAPI document is derived from that.
/// </summary>
public abstract class ApiErrorResult : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ApiError>
{
    private readonly string? _errorCodeHeader;

    private protected ApiErrorResult(int status, string code, string message, string? errorCodeHeader = null)
    {
        StatusCode = status;
        Value = new ApiError(message, code);
        _errorCodeHeader = errorCodeHeader;
    }

    public int StatusCode { get; }

    public ApiError Value { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (_errorCodeHeader is not null)
        {
            httpContext.Response.Headers["X-Error-Code"] = _errorCodeHeader;
        }

        return Results.Json(Value, statusCode: StatusCode).ExecuteAsync(httpContext);
    }

    /// <summary>Declares the statuses an error type answers with, each with an <see cref="ApiError"/> body.</summary>
    private protected static void Produces(EndpointBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in statuses)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]));
        }
    }
}
