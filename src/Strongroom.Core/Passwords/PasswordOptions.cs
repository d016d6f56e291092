using System.ComponentModel.DataAnnotations;

namespace Strongroom.Core.Passwords;

/// <summary>Configuration section <c>Passwords</c>: Argon2id cost. Defaults follow OWASP's minimum (19 MiB, t=2, p=1).</summary>
public sealed class PasswordOptions
{
    public const string Section = "Passwords";

    [Range(8192, 1048576)]
    public int MemoryKiB { get; set; } = 19456;

    [Range(1, 10)]
    public int Iterations { get; set; } = 2;

    [Range(1, 8)]
    public int Parallelism { get; set; } = 1;

    /// <summary>Passwords shorter than this are refused when set.</summary>
    [Range(8, 1024)]
    public int MinimumLength { get; set; } = 12;

    /// <summary>
    /// When true, a session of a user whose password someone else set (the first admin's one-time
    /// password, or one an admin generated) can do nothing but change it. Off by default, so scripts
    /// that sign in with the first admin's password file keep working; the login answer says
    /// <c>passwordChangeRequired</c> either way. Turn it on for a hub people sign in to.
    /// </summary>
    public bool RequireChange { get; set; }
}
