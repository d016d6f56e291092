using Strongroom.Scanning.Engine;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Config;

/// <summary>
/// What a <c>.strongroom.toml</c> or a gitleaks config adds to a scan: custom rules (next to the
/// built-in ones) and allowlists, global and per rule. See <see cref="ConfigReader"/>.
/// </summary>
public sealed class ScanConfig
{
    /// <summary>An empty configuration.</summary>
    public static readonly ScanConfig Empty = new();

    /// <summary>Rules defined by the configuration.</summary>
    public IReadOnlyList<SecretRule> Rules { get; init; } = [];

    /// <summary>Allowlists that apply to every rule.</summary>
    public IReadOnlyList<Allowlist> Allowlists { get; init; } = [];

    /// <summary>Allowlists per rule id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Allowlist>> RuleAllowlists { get; init; } = new Dictionary<string, IReadOnlyList<Allowlist>>();

    /// <summary>True when an allowlist of the rule or a global one allows the finding (commits aside).</summary>
    public bool Allows(string ruleId, string path, string secret, string match, string line) =>
        Allowlists.Any(a => a.Allows(path, secret, match, line))
        || (RuleAllowlists.TryGetValue(ruleId, out var lists) && lists.Any(a => a.Allows(path, secret, match, line)));

    /// <summary>True when an allowlist allows the finding's commit.</summary>
    public bool AllowsCommit(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return Allowlists.Any(a => a.AllowsCommit(finding.Commit))
            || (RuleAllowlists.TryGetValue(finding.RuleId, out var lists) && lists.Any(a => a.AllowsCommit(finding.Commit)));
    }
}
