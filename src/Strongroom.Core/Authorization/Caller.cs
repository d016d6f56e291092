using Strongroom.Core.Hub;
using Strongroom.Core.Tokens;

namespace Strongroom.Core.Authorization;

/// <summary>
/// Who makes a request: nobody, a person in an interactive session, or a token (personal ones act for their owner).
/// </summary>
public sealed record Caller(User? User, AccessToken? Token)
{
    public static Caller Anonymous { get; } = new(null, null);

    /// <summary>A signed-in person using the web session (never a bearer token).</summary>
    public bool IsInteractive => User is not null && Token is null;

    public bool IsAuthenticated => User is not null || Token is not null;
}
