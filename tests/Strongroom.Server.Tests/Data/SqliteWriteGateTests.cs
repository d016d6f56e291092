using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Data;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Data;

/// <summary>The node's SQLite write gate is let go whatever becomes of the transaction it was taken for.</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task ABeginThatFails_LetsGoOfTheGate_SoTheNextWriterDoesNotWait()
    {
        await using var data = await DataServices.CreateAsync(onPostgres: false, "write-gate");
        await using var first = data.Services.CreateAsyncScope();
        var db = first.ServiceProvider.GetRequiredService<StrongroomDb>();
        await db.Database.OpenConnectionAsync();
        // A transaction EF Core does not know of: its own begin fails in the provider, after the gate was taken
        // (as a begin does when its request is cancelled at that moment).
        await using (var outside = await db.Database.GetDbConnection().BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.BeginTransactionAsync());
            await outside.RollbackAsync();
        }

        var waited = Stopwatch.StartNew();
        await CommitATransactionAsync(data);

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"the next writer waited {waited.Elapsed} for a gate no transaction held");
    }

    [Fact]
    public async Task ATransactionDisposedUncommitted_OnAConnectionOpenedByHand_IsTakenOverByTheNextWriter()
    {
        await using var data = await DataServices.CreateAsync(onPostgres: false, "write-gate-dispose");
        await using var first = data.Services.CreateAsyncScope();
        var db = first.ServiceProvider.GetRequiredService<StrongroomDb>();
        await db.Database.OpenConnectionAsync(); // so the transaction's end does not close it, and no event tells the gate
        await using (await db.Database.BeginTransactionAsync())
        {
            // an action that throws before its commit: the transaction is disposed, neither committed nor rolled back
        }

        var waited = Stopwatch.StartNew();
        await CommitATransactionAsync(data);
        await using (var again = await db.Database.BeginTransactionAsync()) // the first context waits its turn like any other
        {
            await again.CommitAsync();
        }

        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"the writers waited {waited.Elapsed} for a gate no transaction held");
    }

    /// <summary>Another writer: a transaction of its own scope's context, begun and committed.</summary>
    private static Task<int> CommitATransactionAsync(DataServices data) => data.WithDbAsync(async other =>
    {
        await using var transaction = await other.Database.BeginTransactionAsync();
        await transaction.CommitAsync();
        return 0;
    });
}
