using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Data;

/// <summary>
/// An event committed by this node and deleted before the sealer chained it: the sealer records the deletion in
/// an event of its own, which is chained, and verification reports <c>deleted</c> there. The data services run
/// without the server, so the test decides when the sealer runs.
/// </summary>
public abstract class AuditPendingDeletionTests : IAsyncLifetime
{
    private DataServices _data = null!;
    private ServiceProvider _services = null!;

    protected abstract bool OnPostgres { get; }

    public async Task InitializeAsync()
    {
        _data = await DataServices.CreateAsync(OnPostgres, "pending-deletion");
        _services = _data.Services;
    }

    public async Task DisposeAsync() => await _data.DisposeAsync();

    [Fact]
    public async Task EventDeletedBeforeItsSeal_IsRecordedAndChained_AndVerifyReportsDeletedThere()
    {
        var sealer = _services.GetRequiredService<AuditSealer>();
        await WriteAsync("token:kept-before");
        await sealer.SealPendingAsync(CancellationToken.None);
        await WriteAsync("token:deleted-unsealed");
        await WriteAsync("token:kept-after");
        var deletedId = await ExecuteAsync(async db =>
        {
            var id = await db.AuditEvents.Where(e => e.Target == "token:deleted-unsealed").Select(e => e.Id).SingleAsync();
            await db.AuditEvents.Where(e => e.Id == id).ExecuteDeleteAsync();
            return id;
        });

        await sealer.SealPendingAsync(CancellationToken.None);

        var (events, result) = await ExecuteAsync(async db =>
        {
            var rows = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).Select(e => new { e.Seq, e.Action, e.Target }).ToListAsync();
            using var key = System.Security.Cryptography.ECDsa.Create();
            return (rows, await new AuditChainStore(db).VerifyAsync(key, _services.GetRequiredService<AuditEventMac>(), CancellationToken.None));
        });
        Assert.All(events, e => Assert.NotNull(e.Seq)); // everything still there is chained
        var record = Assert.Single(events, e => e.Action == AuditChain.EventDeletedAction);
        Assert.Equal("audit:" + deletedId, record.Target);
        Assert.Equal(new AuditProblem(record.Seq!.Value, AuditProblem.Deleted), result.FirstBad);
    }

    [Fact]
    public async Task EventsSealedWhateverTheOrder_AreNeverReportedDeleted()
    {
        var sealer = _services.GetRequiredService<AuditSealer>();
        for (var i = 0; i < 5; i++)
        {
            await WriteAsync("token:t" + i);
            await sealer.SealPendingAsync(CancellationToken.None);
        }

        await sealer.SealPendingAsync(CancellationToken.None);

        var result = await ExecuteAsync(async db =>
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            return await new AuditChainStore(db).VerifyAsync(key, _services.GetRequiredService<AuditEventMac>(), CancellationToken.None);
        });
        Assert.True(result.Ok, result.FirstBad?.ToString());
        Assert.Equal(5, result.Events);
    }

    [Fact]
    public async Task EventEditedBeforeItsSeal_IsChainedAsItWasWritten_AndVerifyReportsItEdited()
    {
        // The sealer chains this node's events from the fields it wrote (and MACed), not from what the table says now.
        var sealer = _services.GetRequiredService<AuditSealer>();
        await WriteAsync("token:t0");
        await WriteAsync("token:edited-unsealed");
        await WriteAsync("token:t2");
        await ExecuteAsync(db => db.AuditEvents.Where(e => e.Target == "token:edited-unsealed").ExecuteUpdateAsync(u => u.SetProperty(e => e.Target, "token:other")));

        Assert.Equal(3, await sealer.SealPendingAsync(CancellationToken.None));

        var (edited, result) = await ExecuteAsync(async db =>
        {
            var seq = await db.AuditEvents.Where(e => e.Target == "token:other").Select(e => e.Seq).SingleAsync();
            using var key = System.Security.Cryptography.ECDsa.Create();
            return (seq, await new AuditChainStore(db).VerifyAsync(key, _services.GetRequiredService<AuditEventMac>(), CancellationToken.None));
        });
        Assert.Equal(2, edited);
        Assert.Equal(new AuditProblem(2, AuditProblem.Edited), result.FirstBad);
    }

    [Fact]
    public async Task ConcurrentSavesWhileTheSealerRuns_AreEachChainedOnce_AndNoneIsReportedDeleted()
    {
        // Saves tell the sealer after their commits; a pass in between reads their rows as anyone's pending rows
        // and seals them, and the next pass, told of them, must find them sealed rather than chain them again.
        var sealer = _services.GetRequiredService<AuditSealer>();
        using var done = new CancellationTokenSource();
        var sealing = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await sealer.SealPendingAsync(CancellationToken.None);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await WriteAsync($"token:w{w}-{i}");
            }
        })));
        await done.CancelAsync();
        await sealing;
        await sealer.SealPendingAsync(CancellationToken.None);

        var (unsealed, deleted, result) = await ExecuteAsync(async db =>
        {
            var pending = await db.AuditEvents.CountAsync(e => e.Seq == null);
            var gone = await db.AuditEvents.CountAsync(e => e.Action == AuditChain.EventDeletedAction);
            using var key = System.Security.Cryptography.ECDsa.Create();
            return (pending, gone, await new AuditChainStore(db).VerifyAsync(key, _services.GetRequiredService<AuditEventMac>(), CancellationToken.None));
        });
        Assert.Equal(0, unsealed);
        Assert.Equal(0, deleted);
        Assert.True(result.Ok, result.FirstBad?.ToString());
        Assert.Equal(240, result.Events);
    }

    private async Task WriteAsync(string target)
    {
        // Staged and saved, as a revocation's event is with its change: committed pending, chained by the sealer later.
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IAuditLog>().Add(new AuditEvent { Action = "token.revoke", Target = target });
        await scope.ServiceProvider.GetRequiredService<StrongroomDb>().SaveChangesAsync();
    }

    private Task<T> ExecuteAsync<T>(Func<StrongroomDb, Task<T>> action) => _data.WithDbAsync(action);
}

public sealed class AuditPendingDeletionSqliteTests : AuditPendingDeletionTests
{
    protected override bool OnPostgres => false;
}

public sealed class AuditPendingDeletionPostgresTests : AuditPendingDeletionTests
{
    protected override bool OnPostgres => true;
}
