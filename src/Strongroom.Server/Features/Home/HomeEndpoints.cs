using System.Reflection;
using Strongroom.Server.Features.Auth;

namespace Strongroom.Server.Features.Home;

/// <summary><c>GET /</c>: what this server is and how to start using it, until the web UI exists.</summary>
public static class HomeEndpoints
{
    private static readonly string Version =
        typeof(HomeEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void MapHomeEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/", Home).WithoutCaller().WithTags("Health").ExcludeFromDescription();

    private static IResult Home(HttpContext context)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        return HtmlPage.Render(context, StatusCodes.Status200OK, "Strongroom",
            $"The security core of this model hub: access tokens, Space secrets, leak detection. Version <code>{HtmlPage.Encode(Version)}</code>.",
            $"Sign in with the CLI: <code>./strongroom login --server {HtmlPage.Encode(origin)} --username NAME</code>, then <code>./strongroom tokens create</code>. "
                + "The first admin's password is in the server's data directory, in <code>initial-admin-password</code>.",
            "The API: <a href=\"/openapi/v1.json\">OpenAPI document</a>. Hugging Face clients work against it with a token from <code>strongroom tokens create</code>.",
            "Documentation: <code>README.md</code>, <code>docs/OPERATIONS.md</code> and <code>SECURITY.md</code> in the Strongroom repository.");
    }
}
