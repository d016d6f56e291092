using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Strongroom.Data;

/// <summary>
/// Copies SQLite's write-ahead log into the database file on a thread of its own, so that writers do not.
/// </summary>
/// <remarks>
/// By default the commit that takes the log past 1,000 pages runs the checkpoint, with its fsync of the
/// database file, while it holds the node's write gate: under load, one commit in every few hundred stalls
/// every writer behind it. A passive checkpoint takes no write lock, so it runs beside the writers. The
/// writers' own checkpoint stays as a backstop at <see cref="BackstopPages"/> (32 MB), in case this one
/// falls behind.
/// </remarks>
public sealed partial class SqliteWalCheckpointer(string connectionString, ILogger<SqliteWalCheckpointer> logger)
{
    /// <summary>The log size, in pages, at which a writer checkpoints after all.</summary>
    public const int BackstopPages = 8192;

    /// <summary>How often the log is checkpointed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Checkpoints until <paramref name="cancellationToken"/> is cancelled; blocks its thread (SQLite's calls are synchronous).</summary>
    public void Run(CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(connectionString);
        while (!cancellationToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                }

                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                LogFailed(e);
                connection.Close();
            }
        }
    }

    /// <summary>Runs <see cref="Run"/> on a thread of its own.</summary>
    public Task Start(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing SQLite's write-ahead log failed; the writers will checkpoint it past the backstop")]
    private partial void LogFailed(Exception exception);
}
