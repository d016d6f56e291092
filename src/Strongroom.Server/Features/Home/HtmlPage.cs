using System.Text;
using System.Text.Encodings.Web;

namespace Strongroom.Server.Features.Home;

/// <summary>
/// The few plain pages served until the web UI exists: no script, no external asset, one inline style
/// allowed by the page's own Content-Security-Policy. Every value put in is HTML-encoded.
/// </summary>
internal static class HtmlPage
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private const string Style = "body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2rem}";

    /// <summary>A page whose body is built from <paramref name="paragraphs"/>: each is (already safe) HTML made with <see cref="Encode"/>.</summary>
    public static IResult Render(HttpContext context, int status, string title, params string[] paragraphs)
    {
        context.Response.Headers.ContentSecurityPolicy = Policy;
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body><h1>").Append(Encode(title)).Append("</h1>");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(paragraph).Append("</p>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>Whether the client asked for a page (a browser) rather than JSON (an API client).</summary>
    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
