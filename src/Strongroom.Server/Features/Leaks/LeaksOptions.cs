namespace Strongroom.Server.Features.Leaks;

/// <summary>Configuration section <c>Leaks</c>.</summary>
public sealed class LeaksOptions
{
    public const string Section = "Leaks";

    /// <summary>
    /// GitHub's secret-scanning public keys, in the shape GitHub publishes them
    /// (<c>{"public_keys":[{"key_identifier","key","is_current"}]}</c>); the server has no internet, so the
    /// operator places the file. Without it the partner endpoint answers 401 to everything.
    /// </summary>
    public string? GitHubPublicKeysFile { get; set; }

    /// <summary>How often the sweep looks at every public repository for what it has not scanned yet (and at once when one becomes public).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests per minute one client address may send to the public revoke endpoint.</summary>
    public int RevokeRateLimit { get; set; } = 60;
}
