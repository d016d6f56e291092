using Microsoft.Extensions.Logging;

namespace Strongroom.Data;

/// <summary>
/// Group commit for SQLite with <see cref="SqliteSynchronous.Full"/>: the connections run <c>synchronous=NORMAL</c>
/// (a commit writes the write-ahead log, not yet to the disk), and a commit is not answered until an fsync of
/// the log that began after it has ended. One fsync makes every commit before it durable, so concurrent writers
/// share one instead of paying one each: the durability of <c>synchronous=FULL</c> (a commit that returned
/// survives a power failure) at a fraction of its cost under load.
/// </summary>
/// <remarks>
/// The log is opened by path for each fsync: SQLite deletes and recreates it when the last connection closes, and
/// fsync applies to the file, whichever descriptor asks. SQLite takes no POSIX locks on the log (its locks are
/// on the database and <c>-shm</c> files, which this never opens), so closing this descriptor releases none of
/// SQLite's. No log file means no commit is waiting in one: SQLite checkpointed it into the database, syncing
/// that, before deleting it. Other connections see a commit as soon as it is in the log, up to one fsync
/// before it is durable (PostgreSQL shows a commit only after its flush); the log is append-only, so a power
/// failure in between loses a suffix of commits, never a commit without those before it.
/// </remarks>
/// <param name="databasePath">The SQLite database file; its log is <c>{path}-wal</c>.</param>
/// <param name="logger">Where a failed fsync is reported.</param>
/// <param name="beforeFlush">Runs before each fsync, on the syncing thread: for tests that hold a round open.</param>
public sealed partial class SqliteGroupCommit(string databasePath, ILogger<SqliteGroupCommit> logger, Action? beforeFlush = null)
{
    private readonly string _logPath = databasePath + "-wal";
    private readonly object _lock = new(); // Monitor's wait and pulse: the round hand-over is a condition variable
    private TaskCompletionSource _next = NewRound();
    private bool _requested;
    private Thread? _thread;
    private long _flushes;

    /// <summary>How many fsyncs of the log have run (commits share them).</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Completes when an fsync of the log that began after this call has ended: call it after a commit.</summary>
    public Task WhenDurableAsync()
    {
        lock (_lock)
        {
            _requested = true;
            _thread ??= Start();
            Monitor.Pulse(_lock);
            return _next.Task;
        }
    }

    private Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "SQLite group commit" };
        thread.Start();
        return thread;
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (_lock)
            {
                while (!_requested)
                {
                    Monitor.Wait(_lock);
                }

                // Commits that ask from here on wait for the next round: this fsync may begin before their commit ended.
                (round, _next, _requested) = (_next, NewRound(), false);
            }

            try
            {
                beforeFlush?.Invoke();
                FlushLog();
                Interlocked.Increment(ref _flushes);
                round.SetResult();
            }
            catch (Exception e)
            {
                // Whatever failed, this round's commits hear of it and the thread goes on: a thread that died here would leave every later commit waiting.
                LogFailed(e);
                round.SetException(new IOException("The database's write-ahead log could not be synced to disk: the commit may not survive a power failure", e));
            }
        }
    }

    private void FlushLog()
    {
        try
        {
            using var log = File.OpenHandle(_logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(log);
        }
        catch (FileNotFoundException)
        {
            // Checkpointed into the database (and synced) before the log was deleted.
        }
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Error, Message = "Syncing SQLite's write-ahead log failed; the commits waiting on it are reported failed")]
    private partial void LogFailed(Exception exception);
}
