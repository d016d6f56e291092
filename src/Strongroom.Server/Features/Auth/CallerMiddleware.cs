using System.Globalization;
using Microsoft.Extensions.Options;
using Strongroom.Core.Authorization;
using Strongroom.Core.Passwords;
using Strongroom.Core.Sessions;
using Strongroom.Core.Tokens;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Resolves who is calling: a bearer token (refused with 401 when invalid, whatever the route) or a
/// session cookie (whose state-changing requests must carry the CSRF token). Nothing else is trusted.
/// It runs for every request, whatever its path, except endpoints marked
/// <see cref="EndpointAccessMetadata.WithoutCaller{TBuilder}"/>: a test on the path (say "/api") would
/// be case-sensitive where routing is not, and "/API/..." would reach the endpoint unchecked.
/// </summary>
internal sealed class CallerMiddleware(RequestDelegate next, IOptions<TokenOptions> tokenOptions, IOptions<PasswordOptions> passwordOptions)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint().SkipsCaller())
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var resolved = authorization.Length > 0
            ? await FromTokenAsync(context, authorization).ConfigureAwait(false)
            : await FromSessionAsync(context).ConfigureAwait(false);
        if (resolved)
        {
            await next(context).ConfigureAwait(false);
        }
    }

    /// <summary>A bearer or Basic-auth token: the caller, or false once the 401 is written.</summary>
    private async Task<bool> FromTokenAsync(HttpContext context, string authorization)
    {
        // Services are resolved where needed, not as InvokeAsync parameters: those would build a
        // database context for every request, /healthz included.
        var services = context.RequestServices;
        var presented = PresentedToken(authorization);
        if (presented is null)
        {
            await Refuse(context, "Invalid credentials in Authorization header: send a token as 'Bearer <token>', or as the password of HTTP Basic", "invalid_token")
                .ConfigureAwait(false);
            return false;
        }

        var verification = await services.GetRequiredService<VerifyToken>().ExecuteAsync(presented, context.RequestAborted).ConfigureAwait(false);
        if (!verification.Succeeded)
        {
            await Refuse(context, verification.ErrorMessage!, verification.ErrorCode!).ConfigureAwait(false);
            return false;
        }

        var token = verification.Token!;
        context.SetCaller(verification.Caller!);
        AddClassicDeprecation(context, token);
        // Noted in memory and written by TokenUsesFlush: no statement on the request path.
        services.GetRequiredService<TokenUses>().Note(token.Id, token.UserId, context.Connection.RemoteIpAddress,
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        return true;
    }

    /// <summary>A session cookie, if any (none: anonymous); false once a 403 (CSRF, password change) is written.</summary>
    private async Task<bool> FromSessionAsync(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(SessionCookie.Name, out var cookie)
            || await context.RequestServices.GetRequiredService<VerifySession>().ExecuteAsync(cookie, context.RequestAborted).ConfigureAwait(false) is not { } signedIn)
        {
            return true;
        }

        var (session, user) = signedIn;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && !VerifySession.CsrfMatches(session, context.Request.Headers[SessionCookie.CsrfHeader].ToString()))
        {
            await ApiError.Forbidden("csrf_required", $"Requests made with the session cookie must send the {SessionCookie.CsrfHeader} header returned by login")
                .ExecuteAsync(context).ConfigureAwait(false);
            return false;
        }

        if (user.MustChangePassword && passwordOptions.Value.RequireChange && !context.GetEndpoint().IsAllowedBeforePasswordChange())
        {
            await ApiError.Forbidden("password_change_required",
                    "This account's password was set by someone else: change it first (POST /api/auth/password, or 'strongroom password')")
                .ExecuteAsync(context).ConfigureAwait(false);
            return false;
        }

        context.SetCaller(new Caller(user, null));
        return true;
    }

    /// <summary>
    /// The token in <c>Bearer &lt;token&gt;</c>, or in HTTP Basic as the password (the username is ignored; a
    /// token given as the username alone is taken too), which is how git sends it; null when malformed.
    /// </summary>
    internal static string? PresentedToken(string authorization)
    {
        if (authorization.Length > 512)
        {
            return null;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.Length <= 200 ? authorization["Bearer ".Length..].Trim() : null;
        }

        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[384];
        if (!Convert.TryFromBase64String(authorization["Basic ".Length..].Trim(), decoded, out var length))
        {
            return null;
        }

        var pair = System.Text.Encoding.UTF8.GetString(decoded[..length]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        var token = colon < 0 ? pair : pair[(colon + 1)..].Length > 0 ? pair[(colon + 1)..] : pair[..colon];
        return token.Length is > 0 and <= 200 ? token : null;
    }

    /// <summary>401; to a client that sent Basic credentials (git) also the challenge, so that it asks for better ones.</summary>
    private static Task Refuse(HttpContext context, string message, string code)
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Strongroom\"";
        }

        return ApiError.Unauthorized(message, code).ExecuteAsync(context);
    }

    private void AddClassicDeprecation(HttpContext context, AccessToken token)
    {
        if (token.Kind != TokenKind.Classic)
        {
            return;
        }

        var classic = tokenOptions.Value.Classic;
        context.Response.Headers["Deprecation"] = classic.DeprecatedAt is { } since
            ? "@" + since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : "true";
        if (classic.SunsetAt is { } sunset)
        {
            context.Response.Headers["Sunset"] = sunset.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
