using System.Text.RegularExpressions;

namespace Strongroom.Scanning.Config;

/// <summary>
/// A gitleaks allowlist: a finding is allowed when any of its criteria matches (gitleaks' default
/// "OR" condition): a path regex, a regex over the secret (or the whole match, or the line, by
/// <see cref="RegexTarget"/>), a stopword contained in the secret, or the commit.
/// </summary>
public sealed class Allowlist
{
    /// <summary>Regexes over the finding's path.</summary>
    public IReadOnlyList<Regex> Paths { get; init; } = [];

    /// <summary>Regexes over the secret, the match or the line.</summary>
    public IReadOnlyList<Regex> Regexes { get; init; } = [];

    /// <summary><c>secret</c> (default), <c>match</c> or <c>line</c>.</summary>
    public string RegexTarget { get; init; } = "secret";

    /// <summary>Words that, contained in the secret (ignoring case), allow it.</summary>
    public IReadOnlyList<string> StopWords { get; init; } = [];

    /// <summary>Commit ids whose findings are allowed.</summary>
    public IReadOnlyCollection<string> Commits { get; init; } = [];

    /// <summary>True when a criterion that the engine can judge (all but commits) allows the finding.</summary>
    public bool Allows(string path, string secret, string match, string line)
    {
        if (Paths.Any(p => p.IsMatch(path)))
        {
            return true;
        }

        var target = RegexTarget switch { "match" => match, "line" => line, _ => secret };
        return Regexes.Any(r => r.IsMatch(target))
            || StopWords.Any(w => secret.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the commit is allowed (judged once the commit is known, after the scan).</summary>
    public bool AllowsCommit(string? commit) =>
        commit is not null && Commits.Any(c => commit.StartsWith(c, StringComparison.OrdinalIgnoreCase));
}
