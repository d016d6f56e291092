using System.Security.Cryptography;
using System.Text;
using Strongroom.Scanning.Engine;

namespace Strongroom.Server.Features.Leaks.Sweeps;

/// <summary>
/// A fingerprint of the rules the sweep runs (ids, patterns, keywords, confidence, checks): a release that
/// adds or changes a rule, or a new token prefix, gives a new version, and every public repository is swept
/// again in full.
/// </summary>
public sealed class RuleSetVersion(ScanEngine engine)
{
    private string? _value;

    public string Value => _value ??= Compute(engine);

    private static string Compute(ScanEngine engine)
    {
        var text = new StringBuilder();
        foreach (var rule in engine.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append(rule.Id).Append('\u001f').Append(rule.Pattern).Append('\u001f').AppendJoin(',', rule.Keywords).Append('\u001f')
                .Append(rule.Confidence).Append('\u001f').Append(rule.MinEntropy).Append('\u001f').Append(rule.Mix?.ToString()).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
