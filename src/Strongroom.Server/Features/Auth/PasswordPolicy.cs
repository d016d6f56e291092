using System.Diagnostics.CodeAnalysis;
using Strongroom.Core.Passwords;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Auth;

/// <summary>What a new password must be, wherever one is set (account creation, password change).</summary>
internal static class PasswordPolicy
{
    public const int MaximumLength = 1024;

    /// <summary>Whether <paramref name="password"/> is acceptable; when not, <paramref name="refusal"/> is the 400 <c>weak_password</c> answer.</summary>
    public static bool IsAcceptable([NotNullWhen(true)] string? password, PasswordOptions options, [NotNullWhen(false)] out BadRequestError? refusal)
    {
        refusal = password is null || password.Length < options.MinimumLength || password.Length > MaximumLength
            ? ApiError.BadRequest("weak_password", $"Passwords need at least {options.MinimumLength} characters")
            : null;
        return refusal is null;
    }
}
