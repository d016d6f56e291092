using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>
/// The SQL statements test servers run, from EF Core's diagnostic events and those of the one query run
/// without it (<see cref="Strongroom.Data.Tokens.TokenLookupDiagnostics"/>); the servers log no statements.
/// Listening starts before the first server does: EF Core caches for a second whether anyone listens, so a
/// listener added in the middle of a test would miss statements. Servers are told apart by connection string.
/// </summary>
public sealed class SqlStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly SqlStatements Instance = new();
    private static int _started;
    private readonly ConcurrentQueue<(string? Connection, string Sql)> _seen = new();

    private SqlStatements()
    {
    }

    /// <summary>Starts listening, once per process; <see cref="TestServer"/> calls it before starting a server.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(Instance);
        }
    }

    /// <summary>A position in the statements of every server, to look only at what comes after.</summary>
    public static int Mark() => Instance._seen.Count;

    /// <summary>The statements <paramref name="server"/> ran after <paramref name="mark"/>, up to <paramref name="until"/> when given.</summary>
    public static IReadOnlyList<string> Of(TestServer server, int mark, int? until = null)
    {
        var database = server.PostgresConnectionString ?? server.DataDirectory;
        return Instance._seen.Skip(mark).Take((until ?? int.MaxValue) - mark)
            .Where(s => s.Connection?.Contains(database, StringComparison.Ordinal) == true).Select(s => s.Sql).ToList();
    }

    /// <summary>Whether <paramref name="sql"/> reads or writes <paramref name="table"/> (quoted, as in SQLite's SQL, or not, as in PostgreSQL's).</summary>
    public static bool Touches(string sql, string table) =>
        Regex.IsMatch(sql, $@"\b(FROM|JOIN|UPDATE|INTO)\s+""?{table}""?(\s|$)", RegexOptions.IgnoreCase);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name is DbLoggerCategory.Name or Strongroom.Data.Tokens.TokenLookupDiagnostics.Name)
        {
            value.Subscribe(this);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
        {
            _seen.Enqueue((executed.Context?.Database.GetConnectionString(), executed.Command.CommandText));
        }
        else if (value.Value is Strongroom.Data.Tokens.TokenLookupDiagnostics.Executed lookup)
        {
            _seen.Enqueue((lookup.ConnectionString, lookup.CommandText));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
