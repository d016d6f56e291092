namespace Strongroom.Core.Tokens;

/// <summary>A token request that breaks a rule; <see cref="Code"/> is the stable error code for clients.</summary>
public sealed class TokenRequestException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
