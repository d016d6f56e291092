using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Core.Kms;
using Strongroom.Data;
using Strongroom.Kms.Local;

namespace Strongroom.Server.Tests.Data;

/// <summary>
/// The SQLite connections the server's data services hand out: <c>synchronous</c> as configured on every
/// connection of the pool, the write-ahead log checkpointed off the writers' path, and writers that queue
/// on the node's write gate instead of failing busy.
/// </summary>
public sealed class SqliteSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("strongroom-sqlite-settings-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(SqliteSynchronous.Full)]
    [InlineData(SqliteSynchronous.Normal)]
    public async Task EveryPooledConnection_RunsSynchronousNormal_WithTheBackstopCheckpoint(SqliteSynchronous setting)
    {
        const long normal = 1; // Full's durability comes from the group commit's fsync, not from each connection's own
        await using var services = Services(setting, "sync-" + setting);
        await MigrateAsync(services);

        // Several contexts at once, so that the pool opens several native connections.
        var scopes = Enumerable.Range(0, 4).Select(_ => services.CreateAsyncScope()).ToList();
        var dbs = scopes.Select(s => s.ServiceProvider.GetRequiredService<StrongroomDb>()).ToList();
        foreach (var db in dbs)
        {
            await db.Database.OpenConnectionAsync();
        }

        var values = new List<(long Synchronous, long AutoCheckpoint)>();
        foreach (var db in dbs)
        {
            values.Add((await db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync(),
                await AutoCheckpointAsync(db)));
            await db.Database.CloseConnectionAsync();
        }

        Assert.All(values, value => Assert.Equal((normal, SqliteWalCheckpointer.BackstopPages), value));
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task ManyConcurrentAuditedWrites_AllCommit_AndAllAreSealedInWritingOrder()
    {
        await using var services = Services(SqliteSynchronous.Full, "gate");
        await MigrateAsync(services);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEvent { Action = "test.write", Target = $"w{worker}:{i}" }, CancellationToken.None);
            }
        })));
        await services.GetRequiredService<Strongroom.Data.Audit.AuditSealer>().SealPendingAsync(CancellationToken.None);

        await using var check = services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<StrongroomDb>().AuditEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Seq).ToListAsync();
        Assert.Equal(160, rows.Count);
        Assert.Equal(Enumerable.Range(1, 160).Select(i => (long?)i), rows);
    }

    [Fact]
    public async Task Full_SavesReturnOnlyAfterAnFsyncBegunAfterTheirCommit_AndCommitsWaitingTogetherShareOne()
    {
        using var firstRound = new FsyncHold(); // the next fsync hangs until every save below has committed
        await using var services = Services("group", firstRound);
        await MigrateAsync(services);
        var groupCommit = services.GetRequiredService<SqliteGroupCommit>();
        var flushedBefore = groupCommit.Flushes;
        firstRound.Arm();

        var saves = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            // Each its own save (an event staged with a change): eight committers, not one appender's batch.
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Add(new AuditEvent { Action = "test.write", Target = "save " + i });
            await scope.ServiceProvider.GetRequiredService<StrongroomDb>().SaveChangesAsync();
        })).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CommittedAsync(services) < 8)
        {
            Assert.True(DateTime.UtcNow < deadline, "the saves did not all commit while the first fsync hung: a commit waits holding the write gate");
            await Task.Delay(10);
        }

        await Task.Delay(100);
        var doneWhileTheFirstFsyncHung = saves.Count(s => s.IsCompleted);
        firstRound.Release();
        await Task.WhenAll(saves);

        Assert.Equal(0, doneWhileTheFirstFsyncHung);
        // The first round (the first save, and any that committed before the fsync began), then at most one for all the others.
        Assert.InRange(groupCommit.Flushes - flushedBefore, 1, 2);
    }

    [Fact]
    public async Task Full_AnAppendedEventReturnsOnlyAfterItsFsync_AndATransactionsCommitAfterItStillWaits()
    {
        using var release = new FsyncHold();
        await using var services = Services("appender", release);
        await MigrateAsync(services);
        release.Arm();

        var append = Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEvent { Action = "test.write", Target = "alone" }, CancellationToken.None);
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CommittedAsync(services) < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the appended event was never committed");
            await Task.Delay(10);
        }

        await Task.Delay(100);
        Assert.False(append.IsCompleted); // committed, and the writer's loop went on, but the caller waits for the fsync
        release.Release();
        await append.WaitAsync(TimeSpan.FromSeconds(30));

        // The appender's context went back to the pool (cleared); a transaction's commit after it waits for its fsync as ever.
        var flushes = services.GetRequiredService<SqliteGroupCommit>().Flushes;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Add(new AuditEvent { Action = "test.write", Target = "with a change" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.True(services.GetRequiredService<SqliteGroupCommit>().Flushes > flushes);
    }

    [Fact]
    public async Task Normal_SavesDoNotWaitForAnFsync()
    {
        await using var services = Services(SqliteSynchronous.Normal, "normal");
        await MigrateAsync(services);

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEvent { Action = "test.write" }, CancellationToken.None);
        }

        Assert.Equal(0, services.GetRequiredService<SqliteGroupCommit>().Flushes);
    }

    private static async Task<int> CommittedAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StrongroomDb>().AuditEvents.CountAsync(e => e.Action == "test.write");
    }

    [Fact]
    public async Task WalCheckpointer_CopiesCommittedPagesIntoTheDatabaseFile_WhileWritersLeaveTheLogAlone()
    {
        await using var services = Services(SqliteSynchronous.Full, "checkpoint");
        await MigrateAsync(services);
        var file = Path.Combine(_directory, "checkpoint.db");
        // Held open, outside the pool: when the last connection to a database closes, SQLite checkpoints its log
        // itself, and other tests clear every pool of the process (ClearAllPools) whenever they end.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        await using (var read = holder.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master"; // a read: from now on the holder keeps its shared lock on the file
            await read.ExecuteScalarAsync();
        }

        var before = new FileInfo(file).Length;
        for (var i = 0; i < 300; i++)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEvent { Action = "test.write", Target = "row " + i }, CancellationToken.None);
        }

        var written = new FileInfo(file).Length;
        using var stop = new CancellationTokenSource();
        var checkpointing = services.GetRequiredService<SqliteWalCheckpointer>().Start(stop.Token);
        await Task.Delay(SqliteWalCheckpointer.Interval * 3);
        await stop.CancelAsync();
        await checkpointing;

        Assert.Equal(before, written); // 300 commits stayed in the log: no writer checkpointed
        Assert.True(new FileInfo(file).Length > written, "the checkpointer copied nothing into the database file");
    }

    /// <summary><c>PRAGMA wal_autocheckpoint</c> without an argument reads it (it has no table-valued form).</summary>
    private static async Task<long> AutoCheckpointAsync(StrongroomDb db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary><c>Full</c>, with an fsync that <paramref name="hold"/> can make hang.</summary>
    private ServiceProvider Services(string name, FsyncHold hold) => Services(SqliteSynchronous.Full, name,
        new SqliteGroupCommit(Path.Combine(_directory, name + ".db"), Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteGroupCommit>.Instance, hold.OnFsync));

    /// <summary>Once armed, the next fsync hangs until released.</summary>
    private sealed class FsyncHold : IDisposable
    {
        private readonly ManualResetEventSlim _released = new();
        private int _armed;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Release() => _released.Set();

        public void OnFsync()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _released.Wait(TimeSpan.FromSeconds(30));
            }
        }

        public void Dispose() => _released.Dispose();
    }

    private ServiceProvider Services(SqliteSynchronous setting, string name, SqliteGroupCommit? groupCommit = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IKeyEncryptionService>(new LocalKeyEncryptionService(Path.Combine(_directory, name + "-kms"), TimeProvider.System))
            .AddSingleton<AuditEventMac>()
            .AddStrongroomData(null, Path.Combine(_directory, name + ".db"), setting);
        if (groupCommit is not null)
        {
            services.AddSingleton(groupCommit); // the last registration wins
        }

        return services.BuildServiceProvider();
    }

    private static async Task MigrateAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StrongroomDb>().MigrateAsync(CancellationToken.None);
    }
}
