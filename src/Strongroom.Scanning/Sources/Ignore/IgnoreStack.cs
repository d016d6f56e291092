namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>
/// The ignore files in force in one directory, deepest first: git lets a deeper file override a
/// shallower one, so the first file with an opinion decides. Immutable, so a directory shares its
/// parent's stack and pushes only its own file.
/// </summary>
internal sealed class IgnoreStack
{
    public static readonly IgnoreStack Empty = new(null, null, 0);

    private readonly IgnoreStack? _parent;
    private readonly IgnoreMatcher? _matcher;
    private readonly int _baseLength;

    private IgnoreStack(IgnoreStack? parent, IgnoreMatcher? matcher, int baseLength)
    {
        _parent = parent;
        _matcher = matcher;
        _baseLength = baseLength;
    }

    /// <summary>
    /// Adds a file whose directory is the first <paramref name="baseLength"/> characters of the paths
    /// it will be asked about (0 for the root, else the directory's relative path plus its slash).
    /// </summary>
    public IgnoreStack Push(IgnoreMatcher matcher, int baseLength) => new(this, matcher, baseLength);

    /// <summary>The decision of the deepest file that has one about a root-relative path.</summary>
    public IgnoreDecision Decide(ReadOnlySpan<char> relativePath, bool isDirectory)
    {
        for (var stack = this; stack._matcher is not null; stack = stack._parent!)
        {
            var decision = stack._matcher.Match(relativePath[stack._baseLength..], isDirectory);
            if (decision != IgnoreDecision.None)
            {
                return decision;
            }
        }

        return IgnoreDecision.None;
    }
}
