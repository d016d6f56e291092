namespace Strongroom.Scanning.Rules;

/// <summary>
/// The fewest upper-case letters, lower-case letters and digits that the random part of a secret (what
/// follows the rule's keyword) must hold, where the issuer draws it uniformly from an alphabet that has
/// them: 34 random characters over letters and digits are never all lower case, while a name or a
/// sentence run together is. Each minimum is set so that a real secret of the shortest length the
/// pattern allows falls below it with a probability under one in a million.
/// </summary>
/// <param name="Upper">Fewest <c>A-Z</c>.</param>
/// <param name="Lower">Fewest <c>a-z</c>.</param>
/// <param name="Digits">Fewest <c>0-9</c>.</param>
public sealed record CharacterMix(int Upper, int Lower, int Digits = 0)
{
    /// <summary>True when <paramref name="randomPart"/> holds at least the minimum of each class.</summary>
    public bool IsMetBy(ReadOnlySpan<char> randomPart)
    {
        int upper = 0, lower = 0, digits = 0;
        foreach (var c in randomPart)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return upper >= Upper && lower >= Lower && digits >= Digits;
    }
}
