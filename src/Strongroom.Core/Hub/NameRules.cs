using System.Text.RegularExpressions;

namespace Strongroom.Core.Hub;

/// <summary>The hub's naming rules for namespaces (users, orgs) and repositories.</summary>
public static partial class NameRules
{
    // Names that would shadow a route or impersonate the service.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "settings", "organizations", "orgs", "new", "models", "datasets", "spaces",
        "docs", "login", "logout", "join", "static", "healthz", "metrics", "openapi", "strongroom",
        "huggingface", "system", "root", "support", "security",
    };

    /// <summary>User and organization names: 2-42 letters, digits or single hyphens, not at either end.</summary>
    public static bool IsValidNamespace(string? name) =>
        name is not null && NamespacePattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal)
        && !Reserved.Contains(name);

    /// <summary>Repository names: 1-96 of letters, digits, '-', '_' and '.', no "--" or "..", not ending in ".git".</summary>
    public static bool IsValidRepoName(string? name) =>
        name is not null && RepoNamePattern().IsMatch(name)
        && !name.Contains("--", StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal)
        && !name.EndsWith(".git", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The form in which two names are the same name: names are unique whatever their case (as on the hub),
    /// across users and orgs, and among one owner's repositories of a type.
    /// </summary>
    public static string Key(string name) => name.ToLowerInvariant();

    /// <summary>A full name of a user or org: absent, or 1-200 characters without control characters.</summary>
    public static bool IsValidFullname(string? name) =>
        name is null || (name.Length is > 0 and <= 200 && !name.Any(char.IsControl));

    /// <summary>A display name for a token: 1-100 printable characters.</summary>
    public static bool IsValidDisplayName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= 100 && !name.Any(char.IsControl);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,40}[A-Za-z0-9])\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RepoNamePattern();
}
