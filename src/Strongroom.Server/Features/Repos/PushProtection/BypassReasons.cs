namespace Strongroom.Server.Features.Repos.PushProtection;

/// <summary>The reasons a writer may give to push a third-party secret that push protection blocks.</summary>
public static class BypassReasons
{
    /// <summary>The commit API's query parameter and the git push option (<c>git push -o secret-bypass=…</c>).</summary>
    public const string Name = "secret-bypass";

    public static readonly IReadOnlyList<string> All = ["false-positive", "used-in-tests", "will-fix-later"];

    public static bool IsValid(string? reason) => reason is not null && All.Contains(reason, StringComparer.Ordinal);
}
