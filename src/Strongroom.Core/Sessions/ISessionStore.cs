using Strongroom.Core.Hub;

namespace Strongroom.Core.Sessions;

/// <summary>Persistence of sessions. Implemented over EF Core for SQLite and PostgreSQL.</summary>
public interface ISessionStore
{
    /// <summary>The session with this SHA-256 of its cookie, and its user; null when there is none.</summary>
    Task<(Session Session, User User)?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken);
}
