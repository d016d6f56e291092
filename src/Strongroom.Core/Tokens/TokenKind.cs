namespace Strongroom.Core.Tokens;

/// <summary>The kind letter that follows the prefix in a token; it says what the token belongs to.</summary>
public enum TokenKind
{
    /// <summary><c>p</c>: a fine-grained personal token.</summary>
    FineGrained = 'p',
    /// <summary><c>c</c>: a classic (legacy) read or write personal token.</summary>
    Classic = 'c',
    /// <summary><c>w</c>: a Space runtime's short-lived workload token.</summary>
    Workload = 'w',
    /// <summary><c>r</c>: a registered runner's credential.</summary>
    Runner = 'r',
}
