using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>
/// A test fault: a trigger that makes the database refuse audit rows about one target, on either
/// provider, so an action whose event cannot be written can be watched failing. Dispose removes it.
/// </summary>
internal sealed class AuditFault : IAsyncDisposable
{
    private readonly TestServer _server;
    private readonly string _name;

    private AuditFault(TestServer server, string name)
    {
        _server = server;
        _name = name;
    }

    public static async Task<AuditFault> RefuseTargetAsync(TestServer server, string target)
    {
        var name = "audit_fault_" + Guid.NewGuid().ToString("N")[..8];
        var quoted = target.Replace("'", "''", StringComparison.Ordinal);
        await ServerSql.ExecuteAsync(server, server.Provider == DbProvider.Sqlite
            ? [$"""CREATE TRIGGER {name} BEFORE INSERT ON audit_events WHEN NEW."Target" = '{quoted}' BEGIN SELECT RAISE(ABORT, 'audit fault'); END;"""]
            : [$"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW."Target" = '{quoted}' THEN RAISE EXCEPTION 'audit fault'; END IF; RETURN NEW; END $f$;""",
               $"""CREATE TRIGGER {name} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION {name}();"""]);
        return new AuditFault(server, name);
    }

    public async ValueTask DisposeAsync() =>
        await ServerSql.ExecuteAsync(_server, _server.Provider == DbProvider.Sqlite
            ? [$"DROP TRIGGER {_name};"]
            : [$"DROP TRIGGER {_name} ON audit_events;", $"DROP FUNCTION {_name}();"]);
}
