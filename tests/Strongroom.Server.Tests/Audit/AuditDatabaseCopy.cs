using Microsoft.EntityFrameworkCore;
using Npgsql;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>
/// A copy of a running server's audit tables to tamper with: on SQLite a <c>VACUUM INTO</c> file, on
/// PostgreSQL a schema of its own in the same database (reached through the search path), so the
/// server's own chain stays intact for the other tests.
/// </summary>
internal sealed class AuditDatabaseCopy : IAsyncDisposable
{
    private static readonly string[] Tables = ["audit_events", "audit_head", "audit_checkpoints"];
    private readonly TestServer _server;
    private readonly string _name;

    private AuditDatabaseCopy(TestServer server, string name, StrongroomDb db)
    {
        _server = server;
        _name = name;
        Db = db;
    }

    public StrongroomDb Db { get; }

    public static async Task<AuditDatabaseCopy> CreateAsync(TestServer server)
    {
        var name = "audit_copy_" + Guid.NewGuid().ToString("N")[..8];
        if (server.Provider == DbProvider.Sqlite)
        {
            var path = Path.Combine(server.DataDirectory, name + ".db");
            await ServerSql.ExecuteAsync(server, [$"VACUUM INTO '{path}'"]);
            var options = new DbContextOptionsBuilder<SqliteStrongroomDb>().UseSqlite($"Data Source={path};Pooling=False").Options;
            return new AuditDatabaseCopy(server, name, new SqliteStrongroomDb(options));
        }

        await ServerSql.ExecuteAsync(server, [$"CREATE SCHEMA {name}", .. Tables.Select(t => $"CREATE TABLE {name}.{t} AS SELECT * FROM public.{t}")]);
        var connection = new NpgsqlConnectionStringBuilder(server.PostgresConnectionString) { SearchPath = name, Pooling = false }.ConnectionString;
        return new AuditDatabaseCopy(server, name, new PostgresStrongroomDb(new DbContextOptionsBuilder<PostgresStrongroomDb>().UseNpgsql(connection).Options));
    }

    public Task ExecuteAsync(string sql, params object[] parameters) => Db.Database.ExecuteSqlRawAsync(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (_server.Provider == DbProvider.Postgres)
        {
            await ServerSql.ExecuteAsync(_server, [$"DROP SCHEMA {_name} CASCADE"]);
        }
    }
}
