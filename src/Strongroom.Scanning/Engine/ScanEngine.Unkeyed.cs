using System.Buffers;
using System.Text;

namespace Strongroom.Scanning.Engine;

/// <summary>
/// Custom rules without keywords (a configuration may define them, as gitleaks allows): the keyword
/// filter cannot select where they run, so their pattern runs over every chunk. They are slower by
/// nature, and the command says so.
/// </summary>
public sealed partial class ScanEngine
{
    private int[] _unkeyed = [];

    /// <summary>Ids of the rules that run on every byte because they have no keywords.</summary>
    public IReadOnlyList<string> RulesWithoutKeywords => [.. _unkeyed.Select(i => _rules[i].Id)];

    // Matches that start in [from, to) of the chunk; the text after `to` is the overlap that lets a
    // match which starts there end.
    private void RunUnkeyed(ReadOnlySpan<byte> text, int from, int to, StreamState state, List<Candidate> candidates)
    {
        if (_unkeyed.Length == 0 || to <= from)
        {
            return;
        }

        var end = Math.Min(text.Length, to + Tail);
        var chars = ArrayPool<char>.Shared.Rent(end - from);
        try
        {
            var window = chars.AsSpan(0, end - from);
            Encoding.Latin1.GetChars(text[from..end], window);
            foreach (var ruleIndex in _unkeyed)
            {
                var rule = _rules[ruleIndex];
                foreach (var match in rule.Regex.EnumerateMatches(window))
                {
                    var matchStart = from + match.Index;
                    if (matchStart >= to)
                    {
                        break;
                    }

                    var (secretStart, secretLength) = Extract(rule, window.Slice(match.Index, match.Length));
                    secretStart += matchStart;
                    if (secretLength <= 0 || secretStart < state.LastEnd[ruleIndex])
                    {
                        continue;
                    }

                    state.LastEnd[ruleIndex] = secretStart + secretLength;
                    var secret = Encoding.UTF8.GetString(text.Slice(secretStart, secretLength));
                    if (Accept(rule, secret) && !IsAllowed(text, secretStart))
                    {
                        candidates.Add(new Candidate(secretStart, secretLength, ruleIndex, secret) { MatchStart = matchStart, MatchLength = match.Length });
                    }
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
