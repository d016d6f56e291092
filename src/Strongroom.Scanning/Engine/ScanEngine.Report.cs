using System.Text;
using Strongroom.Scanning.Rules;

namespace Strongroom.Scanning.Engine;

/// <summary>Turning candidates into findings: overlaps, configuration allowlists, line and column.</summary>
public sealed partial class ScanEngine
{
    private void Report(ReadOnlySpan<byte> text, string path, StreamState state, List<Candidate> candidates, ICollection<Finding> findings)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        // By position. Where secrets of two rules overlap (the key in a service-account JSON is also a PEM
        // key), only the one that starts first is reported; at the same start, the more certain rule's,
        // then the earlier-registered rule's.
        candidates.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position)
            : _rules[a.Rule].Confidence != _rules[b.Rule].Confidence ? _rules[b.Rule].Confidence.CompareTo(_rules[a.Rule].Confidence)
            : a.Rule.CompareTo(b.Rule));
        var reportedEnd = -1;
        foreach (var candidate in candidates)
        {
            if (candidate.Position < reportedEnd)
            {
                continue;
            }

            var rule = _rules[candidate.Rule];
            if (IsAllowedByConfig(text, path, rule, candidate))
            {
                continue;
            }

            reportedEnd = Math.Max(reportedEnd, candidate.Position + candidate.Length);
            state.AdvanceLines(text, candidate.Position);
            var offset = state.Offset + candidate.Position;
            findings.Add(new Finding
            {
                RuleId = rule.Id,
                Description = rule.Description,
                Confidence = rule.Confidence,
                Path = path,
                Line = state.Line + 1,
                Column = (int)Math.Min(int.MaxValue, offset - state.LineStart + 1),
                Offset = offset,
                Secret = candidate.Secret,
                Encoding = candidate.Decoded ? "base64" : null,
            });
        }

        candidates.Clear();
    }

    // A configuration's path filters and allowlists (gitleaks' semantics), judged on what is known here.
    private bool IsAllowedByConfig(ReadOnlySpan<byte> text, string path, SecretRule rule, Candidate candidate)
    {
        if (rule.PathFilter is not null && !rule.PathFilter.IsMatch(path))
        {
            return true;
        }

        if (_config is null || (_config.Allowlists.Count == 0 && _config.RuleAllowlists.Count == 0))
        {
            return false;
        }

        var before = text[Math.Max(0, candidate.Position - LineContext)..candidate.Position];
        var lineStart = candidate.Position - before.Length + before.LastIndexOf((byte)'\n') + 1;
        var after = text[candidate.Position..Math.Min(text.Length, candidate.Position + LineContext)];
        var lineEnd = after.IndexOf((byte)'\n') is var end and >= 0 ? candidate.Position + end : candidate.Position + after.Length;
        var line = Encoding.UTF8.GetString(text[lineStart..lineEnd]);
        var match = candidate.MatchLength > 0 ? Encoding.UTF8.GetString(text.Slice(candidate.MatchStart, candidate.MatchLength)) : candidate.Secret;
        return _config.Allows(rule.Id, path, candidate.Secret, match, line);
    }
}
