namespace Strongroom.Data;

/// <summary>Configuration section <c>Database</c>. No connection string means the embedded SQLite file.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>A PostgreSQL connection string (<c>Host=...;Username=...;Database=...</c>); empty for SQLite.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}
