namespace Strongroom.Data;

/// <summary>The <c>Database</c> section: which database, and how SQLite trades durability for speed.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>A PostgreSQL connection string (<c>Host=...;Username=...;Database=...</c>); empty for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's durability. <see cref="Data.SqliteSynchronous.Full"/> (the default): a commit is answered only once
    /// the write-ahead log is synced to disk, so it survives a power failure; concurrent commits share one fsync
    /// (<see cref="SqliteGroupCommit"/>). <see cref="Data.SqliteSynchronous.Normal"/>: the log is synced only at
    /// checkpoints: a commit survives the process crashing, and the database is never corrupted, but the last
    /// commits before a power failure or OS crash can be lost (the changes and their audit events together).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    public bool IsPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>The values of <see cref="DatabaseOptions.SqliteSynchronous"/>.</summary>
public enum SqliteSynchronous
{
    Full,
    Normal,
}
