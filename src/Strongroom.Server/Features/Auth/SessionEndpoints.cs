using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Passwords;
using Strongroom.Core.Sessions;
using Strongroom.Data;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Hosting;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// <c>POST /api/auth/login</c>, <c>/logout</c> and <c>/password</c>: interactive sessions (the only way
/// to manage tokens) and the password behind them.
/// </summary>
public static class SessionEndpoints
{
    public sealed record LoginRequest(string? Username, string? Password);

    /// <param name="PasswordChangeRequired">The password was set by someone else (a one-time password) and
    /// should be changed (<c>POST /api/auth/password</c>); with <c>Passwords:RequireChange</c> on, the
    /// session can do nothing else until it is.</param>
    /// <param name="FirstStartPassword">The password is the one generated at the server's first start
    /// (<c>initial-admin-password</c> in its data directory), which is deleted once it is changed.</param>
    public sealed record LoginResponse(string CsrfToken, string Username, bool PasswordChangeRequired, bool FirstStartPassword = false);

    /// <summary>What a new password must be, for clients to say before they ask for one.</summary>
    public sealed record PasswordPolicyView(int MinimumLength, int MaximumLength);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static void MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Sessions");
        group.MapPost("/login", LoginAsync);
        group.MapGet("/password-policy", (IOptions<PasswordOptions> options) => TypedResults.Ok(new PasswordPolicyView(options.Value.MinimumLength, PasswordPolicy.MaximumLength)))
            .WithoutCaller();
        group.MapPost("/logout", LogoutAsync).AllowedBeforePasswordChange();
        group.MapPost("/password", ChangePasswordAsync).AllowedBeforePasswordChange()
            .AddEndpointFilter(SessionOnly.Require("Passwords are changed from a signed-in session, not with a token"))
            .ProducesFilterErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden); // SessionOnly's answers
    }

    private static async Task<Results<Ok<LoginResponse>, BadRequestError, UnauthorizedError, TooManyRequestsError>> LoginAsync(
        LoginRequest request,
        HttpContext context, StrongroomDb db, PasswordHasher hasher, LoginThrottle throttle, IAuditLog audit, AuditValueHasher hmac, TimeProvider time,
        IOptions<ServerOptions> server)
    {
        var username = request.Username?.Trim() ?? "";
        if (username.Length is 0 or > 42 || request.Password is null || request.Password.Length is 0 or > 1024)
        {
            return ApiError.BadRequest("invalid_login", "username and password are required");
        }

        var ip = context.ClientIp();
        // Throttled attempts are not audited one by one: the failures that led to the throttle were, and
        // anyone could otherwise add rows to the audit log at will.
        if (throttle.TryBegin(username, ip, out var retryAfter) is not { } attempt)
        {
            return TooManyAttempts(context, retryAfter, $"Too many failed sign-ins from here. Try again {RetryIn(retryAfter)}.");
        }

        // Names are one name whatever their case, so "Alice" signs in as alice.
        var key = NameRules.Key(username);
        var user = await (
            from n in db.Namespaces.AsNoTracking()
            where n.Key == key
            join u in db.Users.AsNoTracking() on n.OwnerId equals u.Id
            select u).FirstOrDefaultAsync(context.RequestAborted).ConfigureAwait(false);
        // Hash even for unknown users so timing does not reveal which names exist.
        var ok = hasher.Verify(request.Password, user?.PasswordHash ?? DummyHash(hasher)) && user is { IsActive: true };
        if (!ok)
        {
            await audit.WriteAsync(FailedLogin(user, key, ip, hmac), context.RequestAborted).ConfigureAwait(false);
            return ApiError.Unauthorized("Invalid username or password", "invalid_login");
        }

        throttle.Succeeded(attempt);
        var secret = SessionCookie.NewSecret();
        var csrf = SessionCookie.NewSecret();
        var now = time.GetUtcNow();
        await SessionSweep.MakeRoomAsync(db, user!.Id, now, context.RequestAborted).ConfigureAwait(false);
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
        await audit.WriteAsync(new AuditEvent { Action = "auth.login", ActorUserId = user.Id, Ip = ip, Target = "user:" + user.Name }, context.RequestAborted)
            .ConfigureAwait(false);
        var firstStart = user.MustChangePassword && FirstAdmin.IsOneTimePassword(DataDirectory(server), request.Password);
        return TypedResults.Ok(new LoginResponse(csrf, user.Name, user.MustChangePassword, firstStart));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, StrongroomDb db, IAuditLog audit)
    {
        if (context.Request.Cookies.TryGetValue(SessionCookie.Name, out var cookie) && cookie.Length is > 0 and < 100)
        {
            var hash = SessionCookie.Hash(cookie);
            await db.Sessions.Where(s => s.Hash == hash).ExecuteDeleteAsync(context.RequestAborted).ConfigureAwait(false);
            var caller = context.GetCaller();
            await audit.WriteAsync(new AuditEvent { Action = "auth.logout", ActorUserId = caller.User?.Id, Ip = context.ClientIp() }, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.Cookies.Delete(SessionCookie.Name);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Changes the signed-in user's password: needs the session (not a token), its CSRF header and the
    /// current password (failures count against the same throttle as sign-ins). Every other session of
    /// the user ends, so a password someone else knew stops working everywhere.
    /// </summary>
    private static async Task<Results<NoContent, BadRequestError, ForbiddenError, TooManyRequestsError>> ChangePasswordAsync(
        ChangePasswordRequest request,
        HttpContext context, StrongroomDb db, PasswordHasher hasher, IOptions<PasswordOptions> passwordOptions, LoginThrottle throttle, IAuditLog audit,
        IOptions<ServerOptions> server)
    {
        var caller = context.GetCaller().User!;
        if (request.CurrentPassword is null || request.CurrentPassword.Length is 0 or > 1024 || request.NewPassword is null)
        {
            return ApiError.BadRequest("invalid_request", "currentPassword and newPassword are required");
        }

        if (!PasswordPolicy.IsAcceptable(request.NewPassword, passwordOptions.Value, out var weak))
        {
            return weak;
        }

        var ip = context.ClientIp();
        var name = caller.Name;
        if (throttle.TryBegin(name, ip, out var retryAfter) is not { } attempt)
        {
            return TooManyAttempts(context, retryAfter, $"Too many failed attempts. Try again {RetryIn(retryAfter)}.");
        }

        var user = await db.Users.FirstAsync(u => u.Id == caller.Id, context.RequestAborted).ConfigureAwait(false);
        if (!hasher.Verify(request.CurrentPassword, user.PasswordHash))
        {
            await audit.WriteAsync(
                new AuditEvent { Action = "auth.password.change", Outcome = AuditOutcome.Failure, ActorUserId = user.Id, Ip = ip, Target = "user:" + name },
                context.RequestAborted).ConfigureAwait(false);
            return ApiError.Forbidden("invalid_password", "The current password is not right");
        }

        throttle.Succeeded(attempt);
        if (request.NewPassword == request.CurrentPassword)
        {
            return ApiError.BadRequest("same_password", "The new password must differ from the current one");
        }

        var wasFirstStartPassword = user.MustChangePassword && FirstAdmin.IsOneTimePassword(DataDirectory(server), request.CurrentPassword);
        user.PasswordHash = hasher.Hash(request.NewPassword);
        user.MustChangePassword = false;
        var current = SessionCookie.Hash(context.Request.Cookies[SessionCookie.Name]!);
        await db.InOneCommitAsync(async () => // the new password, the other sessions ended and the event: one commit
        {
            var ended = await db.Sessions.Where(s => s.UserId == user.Id && s.Hash != current).ExecuteDeleteAsync(context.RequestAborted).ConfigureAwait(false);
            audit.Add(new AuditEvent
            {
                Action = "auth.password.change",
                ActorUserId = user.Id,
                Ip = ip,
                Target = "user:" + name,
                Details = new Dictionary<string, string> { ["otherSessionsEnded"] = ended.ToString(CultureInfo.InvariantCulture) },
            });
            return await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
        if (wasFirstStartPassword)
        {
            FirstAdmin.DeleteOneTimePassword(DataDirectory(server));
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// A failed sign-in. What was typed as a name is kept for an unknown user only as an HMAC: it is often a
    /// password typed in the wrong field, yet an admin can still ask whether someone tried a given name.
    /// </summary>
    private static AuditEvent FailedLogin(User? user, string typedKey, string ip, AuditValueHasher hmac) => new()
    {
        Action = "auth.login",
        Outcome = AuditOutcome.Failure,
        ActorUserId = user?.Id,
        Ip = ip,
        Target = user is null ? null : "user:" + user.Name,
        Details = user is null ? new Dictionary<string, string> { ["reason"] = "unknown_user", ["usernameHmac"] = hmac.Hmac("username", typedKey) } : null,
    };

    /// <summary>429 <c>too_many_attempts</c> with <c>Retry-After</c>, for sign-ins and password changes alike.</summary>
    private static TooManyRequestsError TooManyAttempts(HttpContext context, TimeSpan retryAfter, string message)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ApiError.TooManyRequests("too_many_attempts", message);
    }

    /// <summary>"in 3 minutes": people read minutes; <c>Retry-After</c> carries the seconds for programs.</summary>
    internal static string RetryIn(TimeSpan wait) => wait < TimeSpan.FromMinutes(1)
        ? "in under a minute"
        : (int)Math.Ceiling(wait.TotalMinutes) is var minutes && minutes == 1 ? "in 1 minute" : $"in {minutes} minutes";

    private static string DataDirectory(IOptions<ServerOptions> server) => Path.GetFullPath(server.Value.DataDirectory);

    private static string? _dummyHash;

    private static string DummyHash(PasswordHasher hasher) => _dummyHash ??= hasher.Hash(Guid.NewGuid().ToString());
}
