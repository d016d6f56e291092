namespace Strongroom.Core.Hub;

/// <summary>A person with an account on the hub.</summary>
public sealed class User
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Fullname { get; set; }
    public required string Email { get; set; }
    /// <summary>Argon2id hash in PHC string format; never the password.</summary>
    public required string PasswordHash { get; set; }
    /// <summary>A hub administrator (manages users, runners, KMS, incidents).</summary>
    public bool IsAdmin { get; set; }
    /// <summary>A disabled user's tokens and sessions stop working at once.</summary>
    public bool IsActive { get; set; } = true;
    /// <summary>
    /// The password was set by someone else (the first admin's one-time password, or an admin's): until
    /// the user sets their own, their sessions can do nothing but change it.
    /// </summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
