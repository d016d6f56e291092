namespace Strongroom.Server.Hosting;

/// <summary>
/// Headers every response carries. API answers hold tokens, CSRF tokens and runner credentials, so
/// nothing may store them (<c>Cache-Control: no-store</c> unless an endpoint chose otherwise); none may
/// be sniffed into another type, framed, or run as a page.
/// </summary>
internal static class SecurityHeaders
{
    // The API serves JSON only: a page it returned by mistake may load nothing and be framed by no one.
    private const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
