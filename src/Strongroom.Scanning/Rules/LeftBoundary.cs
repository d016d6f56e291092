namespace Strongroom.Scanning.Rules;

/// <summary>What may not precede a rule's keyword, as its pattern requires.</summary>
internal enum LeftBoundary
{
    /// <summary>No requirement the engine checks itself.</summary>
    None,

    /// <summary><c>\b</c>: not an ASCII letter, digit or underscore.</summary>
    NotWordCharacter,

    /// <summary><c>(?:^|[^A-Za-z0-9_-])</c>: not an ASCII letter, digit, underscore or hyphen.</summary>
    NotTokenCharacter,
}
