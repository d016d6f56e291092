using Microsoft.EntityFrameworkCore;

namespace Strongroom.Data;

/// <summary>PostgreSQL, for a fleet of nodes sharing one database.</summary>
public sealed class PostgresStrongroomDb(DbContextOptions<PostgresStrongroomDb> options) : StrongroomDb(options);
