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
        return byOffset != 0 ? byOffset : string.CompareOrdinal(a.RuleId, b.RuleId);
    }
}
