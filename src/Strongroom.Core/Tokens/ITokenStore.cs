using Strongroom.Core.Hub;

namespace Strongroom.Core.Tokens;

/// <summary>Persistence of tokens. Implemented over EF Core for SQLite and PostgreSQL.</summary>
public interface ITokenStore
{
    /// <summary>The token with this SHA-256, its owner (null for non-personal tokens) and the owner's orgs, untracked.</summary>
    Task<StoredToken?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken);

    Task<AccessToken?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>The stored tokens among these SHA-256 hashes with their owners, tracked for update (one query for a whole report).</summary>
    Task<IReadOnlyList<(AccessToken Token, User? Owner)>> FindManyByHashAsync(IReadOnlyCollection<byte[]> hashes, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccessToken>> ListForUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>How many of the user's tokens are active (not revoked, leaked or expired by status).</summary>
    Task<int> CountActiveForUserAsync(string userId, CancellationToken cancellationToken);

    Task AddAsync(AccessToken token, CancellationToken cancellationToken);

    /// <summary>Saves changes to a token previously returned by <see cref="FindByIdAsync"/>.</summary>
    Task UpdateAsync(AccessToken token, CancellationToken cancellationToken);

    /// <summary>Records a use without loading the token (cheap, last-writer-wins).</summary>
    Task TouchAsync(string id, DateTimeOffset at, string? ip, CancellationToken cancellationToken);
}
