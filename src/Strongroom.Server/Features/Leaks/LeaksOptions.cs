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

    /// <summary>Requests per minute one client address may send to the public revoke endpoint.</summary>
    public int RevokeRateLimit { get; set; } = 60;
}
