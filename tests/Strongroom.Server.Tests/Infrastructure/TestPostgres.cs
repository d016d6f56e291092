using Npgsql;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// Fresh PostgreSQL databases on the cluster that <c>test.sh</c> starts (<c>STRONGROOM_TEST_POSTGRES</c>).
/// </summary>
public static class TestPostgres
{
    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("STRONGROOM_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "STRONGROOM_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "sr_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
