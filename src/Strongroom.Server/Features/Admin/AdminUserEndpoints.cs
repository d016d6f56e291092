using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Passwords;
using Strongroom.Data;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Admin;

/// <summary><c>/api/admin/users</c>: hub admins create accounts. Admin routes need an admin's interactive session.</summary>
public static class AdminUserEndpoints
{
    /// <param name="MustChangePassword">The password is one the admin hands over: the user's sessions can
    /// do nothing but change it until they do (the CLI sets this for the passwords it generates).</param>
    public sealed record CreateUserRequest(string? Username, string? Email, string? Password, string? Fullname, bool? IsAdmin, bool? MustChangePassword = null);

    public sealed record UserView(string Id, string Username, string Email, string? Fullname, bool IsAdmin, bool IsActive, DateTimeOffset CreatedAt, bool MustChangePassword);

    public static void MapAdminUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/users").WithTags("Admin").AddEndpointFilter(AdminSession.Require);
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
    }

    private static async Task<Results<Created<UserView>, BadRequestError, ConflictError>> CreateAsync(
        CreateUserRequest request,
        HttpContext context, StrongroomDb db, PasswordHasher hasher, IOptions<PasswordOptions> passwordOptions, IAuditLog audit, TimeProvider time)
    {
        if (!NameRules.IsValidNamespace(request.Username))
        {
            return ApiError.BadRequest("invalid_username", "Usernames are 2-42 letters, digits or single hyphens, not at either end");
        }

        if (request.Email is null || request.Email.Length > 254 || request.Email.Any(char.IsControl) || !System.Net.Mail.MailAddress.TryCreate(request.Email, out _))
        {
            return ApiError.BadRequest("invalid_email", "A valid email is required");
        }

        if (!PasswordPolicy.IsAcceptable(request.Password, passwordOptions.Value, out var weak))
        {
            return weak;
        }

        if (!NameRules.IsValidFullname(request.Fullname))
        {
            return ApiError.BadRequest("invalid_fullname", "fullname is 1-200 characters without control characters");
        }

        var name = request.Username!;
        var key = NameRules.Key(name);
        if (await db.Namespaces.AnyAsync(n => n.Key == key, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiError.Conflict("name_taken", "That name is taken");
        }

        var user = new User
        {
            Id = Ids.New(),
            Name = name,
            Email = request.Email,
            Fullname = request.Fullname,
            PasswordHash = hasher.Hash(request.Password),
            IsAdmin = request.IsAdmin ?? false,
            MustChangePassword = request.MustChangePassword ?? false,
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(user);
        db.Namespaces.Add(NamespaceName.For(user.Name, user.Id));
        audit.Add(new AuditEvent { Action = "user.create", ActorUserId = context.GetCaller().User!.Id, Ip = context.ClientIp(), Target = "user:" + user.Name });
        try
        {
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false); // the user and its event, one commit
        }
        catch (DbUpdateException e) when (e.IsDuplicateKey())
        {
            return ApiError.Conflict("name_taken", "That name is taken");
        }

        return TypedResults.Created((string?)null, View(user));
    }

    private static async Task<Ok<List<UserView>>> ListAsync(HttpContext context, StrongroomDb db)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Name).Take(1000).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(users.Select(View).ToList());
    }

    private static UserView View(User u) => new(u.Id, u.Name, u.Email, u.Fullname, u.IsAdmin, u.IsActive, u.CreatedAt, u.MustChangePassword);
}
