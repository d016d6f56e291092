namespace Strongroom.Server.Features.Errors;

/// <summary>An error answer that also carries the hub's <c>X-Error-Code</c> header, which its clients test (<c>EntryNotFound</c>, <c>RevisionNotFound</c>).</summary>
internal sealed class ErrorCodeResult(IResult inner, string errorCode) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers["X-Error-Code"] = errorCode;
        return inner.ExecuteAsync(httpContext);
    }
}
