namespace Strongroom.Data;

/// <summary>The <c>Database</c> section: which database, and how SQLite trades durability for speed.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>A PostgreSQL connection string (<c>Host=...;Username=...;Database=...</c>); empty for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's <c>synchronous</c> setting (WAL mode). <see cref="Data.SqliteSynchronous.Full"/> (the default)
    /// syncs the log at every commit: a commit survives a power failure. <see cref="Data.SqliteSynchronous.Normal"/>
    /// syncs only at checkpoints: a commit survives the process crashing, and the database is never corrupted,
    /// but the last commits before a power failure or OS crash can be lost (the changes and their audit events
    /// together); every write is several times cheaper.
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
