using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Passwords;
using Strongroom.Core.Sessions;
using Strongroom.Data;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Auth;

/// <summary><c>POST /api/auth/login</c> and <c>/logout</c>: interactive sessions (the only way to manage tokens).</summary>
public static class SessionEndpoints
{
    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record LoginResponse(string CsrfToken, string Username);

    public static void MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Sessions");
        group.MapPost("/login", LoginAsync).Produces<LoginResponse>().Produces<ApiError>(401).Produces<ApiError>(429);
        group.MapPost("/logout", LogoutAsync).Produces(204);
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, StrongroomDb db, PasswordHasher hasher,
        LoginThrottle throttle, IAuditLog audit, TimeProvider time)
    {
        var username = request.Username?.Trim() ?? "";
        if (username.Length is 0 or > 42 || request.Password is null || request.Password.Length is 0 or > 1024)
        {
            return ApiError.BadRequest("invalid_login", "username and password are required");
        }

        var ip = context.ClientIp();
        if (!throttle.IsAllowed(username, ip, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await audit.WriteAsync(new AuditEvent { Action = "auth.login", Outcome = AuditOutcome.Denied, Ip = ip, Target = "user:" + username, Details = new Dictionary<string, string> { ["reason"] = "throttled" } }, context.RequestAborted).ConfigureAwait(false);
            return ApiError.Result(429, "too_many_attempts", "Too many failed sign-ins. Try again later.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Name == username, context.RequestAborted).ConfigureAwait(false);
        // Hash even for unknown users so timing does not reveal which names exist.
        var ok = hasher.Verify(request.Password, user?.PasswordHash ?? DummyHash(hasher)) && user is { IsActive: true };
        if (!ok)
        {
            throttle.RecordFailure(username, ip);
            await audit.WriteAsync(new AuditEvent { Action = "auth.login", Outcome = AuditOutcome.Failure, ActorUserId = user?.Id, Ip = ip, Target = "user:" + username }, context.RequestAborted).ConfigureAwait(false);
            return ApiError.Unauthorized("Invalid username or password", "invalid_login");
        }

        throttle.RecordSuccess(username);
        var secret = SessionCookie.NewSecret();
        var csrf = SessionCookie.NewSecret();
        var now = time.GetUtcNow();
        db.Sessions.Add(new Session
        {
            Hash = SessionCookie.Hash(secret),
            CsrfHash = SessionCookie.Hash(csrf),
            UserId = user!.Id,
            CreatedAt = now,
            ExpiresAt = now + SessionCookie.Lifetime,
            Ip = ip,
        });
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.Cookies.Append(SessionCookie.Name, secret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = SessionCookie.Lifetime,
        });
        await audit.WriteAsync(new AuditEvent { Action = "auth.login", ActorUserId = user.Id, Ip = ip, Target = "user:" + user.Name }, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new LoginResponse(csrf, user.Name));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, StrongroomDb db, IAuditLog audit)
    {
        if (context.Request.Cookies.TryGetValue(SessionCookie.Name, out var cookie) && cookie.Length is > 0 and < 100)
        {
            var hash = SessionCookie.Hash(cookie);
            await db.Sessions.Where(s => s.Hash == hash).ExecuteDeleteAsync(context.RequestAborted).ConfigureAwait(false);
            var caller = context.GetCaller();
            await audit.WriteAsync(new AuditEvent { Action = "auth.logout", ActorUserId = caller.User?.Id, Ip = context.ClientIp() }, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Cookies.Delete(SessionCookie.Name);
        return Results.NoContent();
    }

    private static string? _dummyHash;

    private static string DummyHash(PasswordHasher hasher) => _dummyHash ??= hasher.Hash(Guid.NewGuid().ToString());
}
