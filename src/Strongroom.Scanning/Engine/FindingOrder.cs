namespace Strongroom.Scanning.Engine;

/// <summary>The order reports list findings in: by path, then position, then rule.</summary>
public static class FindingOrder
{
    /// <summary>Compares two findings for sorting.</summary>
    public static int Compare(Finding? a, Finding? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var byPath = string.CompareOrdinal(a.Path, b.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var byOffset = a.Offset.CompareTo(b.Offset);
        if (byOffset != 0)
        {
            return byOffset;
        }

        // Secrets decoded from one base64 value share its offset, and may share a rule: without the
        // secret, their order was whatever order the threads found them in.
        var byRule = string.CompareOrdinal(a.RuleId, b.RuleId);
        var bySecret = byRule != 0 ? byRule : string.CompareOrdinal(a.Secret, b.Secret);
        return bySecret != 0 ? bySecret : string.CompareOrdinal(a.Commit, b.Commit);
    }
}
