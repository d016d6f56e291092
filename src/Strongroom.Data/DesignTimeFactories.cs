using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strongroom.Data;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteStrongroomDb</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStrongroomDb>
{
    public SqliteStrongroomDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresStrongroomDb</c> build the model.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStrongroomDb>
{
    public PostgresStrongroomDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql("Host=localhost").Options);
}
