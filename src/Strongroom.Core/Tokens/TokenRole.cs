namespace Strongroom.Core.Tokens;

/// <summary>A token's role, with the hub's names: <c>fineGrained</c> (default), classic <c>read</c> and <c>write</c>.</summary>
public enum TokenRole
{
    FineGrained = 1,
    Read = 2,
    Write = 3,
}

/// <summary>The wire names of <see cref="TokenRole"/>.</summary>
public static class TokenRoles
{
    public static string ToWire(this TokenRole role) => role switch
    {
        TokenRole.FineGrained => "fineGrained",
        TokenRole.Read => "read",
        TokenRole.Write => "write",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? value, out TokenRole role)
    {
        switch (value)
        {
            case null or "" or "fineGrained": role = TokenRole.FineGrained; return true;
            case "read": role = TokenRole.Read; return true;
            case "write": role = TokenRole.Write; return true;
            default: role = default; return false;
        }
    }
}
