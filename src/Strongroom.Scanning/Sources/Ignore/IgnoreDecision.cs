namespace Strongroom.Scanning.Sources.Ignore;

/// <summary>What the last matching pattern of an ignore file says about a path.</summary>
public enum IgnoreDecision
{
    /// <summary>No pattern matched: the next ignore file up (or the default, included) decides.</summary>
    None,

    /// <summary>A pattern matched: the path is ignored.</summary>
    Ignore,

    /// <summary>A negated (<c>!</c>) pattern matched: the path is included.</summary>
    Include,
}
