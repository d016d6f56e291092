using System.Security.Cryptography;

namespace Strongroom.Core.Hub;

/// <summary>Non-secret identifiers of users, orgs, repos and tokens: 24 lowercase hex characters, as the hub's.</summary>
public static class Ids
{
    /// <summary>A new random identifier.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Whether <paramref name="value"/> has the shape of an identifier.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: 24 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
