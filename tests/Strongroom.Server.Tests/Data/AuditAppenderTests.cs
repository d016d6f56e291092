using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Data;

/// <summary>
/// Events written on their own (<see cref="IAuditLog.WriteAsync(AuditEvent, CancellationToken)"/> with nothing
/// else staged) go through the node's appender: chained as they commit, concurrent callers sharing transactions;
/// a caller whose event the database refuses fails alone. Events written with a change still commit with it.
/// </summary>
public abstract class AuditAppenderTests : IAsyncLifetime
{
    private DataServices _data = null!;

    protected abstract bool OnPostgres { get; }

    public async Task InitializeAsync() => _data = await DataServices.CreateAsync(OnPostgres, "appender");

    public async Task DisposeAsync() => await _data.DisposeAsync();

    [Fact]
    public async Task ConcurrentWrites_AreChainedWhenTheyReturn_SharingTransactions_AndTheChainVerifies()
    {
        const int Callers = 200;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(() => WriteAsync("token:t" + i))));

        // No sealer has run: each write returned with its event committed and chained.
        var rows = await _data.WithDbAsync(db => db.AuditEvents.AsNoTracking().Select(e => new { e.Seq, e.Target }).ToListAsync());
        Assert.Equal(Callers, rows.Count);
        Assert.Equal(Enumerable.Range(1, Callers).Select(i => (long?)i), rows.Select(r => r.Seq).Order());
        Assert.True(Appender.Batches < Callers, $"{Appender.Batches} transactions for {Callers} concurrent callers");
        var result = await VerifyAsync();
        Assert.True(result.Ok, result.FirstBad?.ToString());
        Assert.Equal(Callers, result.Events);
    }

    [Fact]
    public async Task AnEventTheDatabaseRefuses_FailsItsCallerAlone_AndTheOthersAreChained()
    {
        await _data.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(OnPostgres
            ? """
              CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql
                AS $f$ BEGIN IF NEW."Target" = 'token:bad' THEN RAISE EXCEPTION 'audit fault'; END IF; RETURN NEW; END $f$;
              CREATE TRIGGER refuse_bad BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_bad();
              """
            : """CREATE TRIGGER refuse_bad BEFORE INSERT ON audit_events WHEN NEW."Target" = 'token:bad' BEGIN SELECT RAISE(ABORT, 'audit fault'); END;"""));

        var writes = Enumerable.Range(0, 40).Select(i => Task.Run(() => WriteAsync(i == 20 ? "token:bad" : "token:t" + i))).ToList();
        var failed = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return false;
            }
            catch (DbUpdateException)
            {
                return true;
            }
        }));

        Assert.Equal(1, failed.Count(f => f));
        Assert.True(failed[20]);
        var result = await VerifyAsync();
        Assert.True(result.Ok, result.FirstBad?.ToString());
        Assert.Equal(39, result.Events);
    }

    [Fact]
    public async Task AWriteWithAChangeStaged_CommitsWithTheChange_AndTheSealerChainsIt()
    {
        await using (var scope = _data.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            audit.Add(new AuditEvent { Action = "token.revoke", Target = "token:the-change" });
            await audit.WriteAsync(new AuditEvent { Action = "token.revoke", Target = "token:with-it" }, CancellationToken.None);
        }

        var pending = await _data.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Seq == null));
        Assert.Equal(2, pending); // one save, the caller's: committed together, chained by the sealer after
        Assert.Equal(0, Appender.Batches);
        Assert.Equal(2, await _data.Services.GetRequiredService<AuditSealer>().SealPendingAsync(CancellationToken.None));
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task AfterTheSealerMovedTheHead_TheNextAppendStillChainsAfterIt()
    {
        var sealer = _data.Services.GetRequiredService<AuditSealer>();
        await WriteAsync("token:first"); // the appender now knows the head
        await using (var scope = _data.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Add(new AuditEvent { Action = "token.revoke", Target = "token:sealed" });
            await scope.ServiceProvider.GetRequiredService<StrongroomDb>().SaveChangesAsync();
        }

        Assert.Equal(1, await sealer.SealPendingAsync(CancellationToken.None)); // moves the head past the appender's
        await WriteAsync("token:after");
        await WriteAsync("token:after-again");

        var order = await _data.WithDbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Seq).Select(e => e.Target).ToListAsync());
        Assert.Equal(["token:first", "token:sealed", "token:after", "token:after-again"], order);
        var result = await VerifyAsync();
        Assert.True(result.Ok, result.FirstBad?.ToString());
    }

    private AuditAppender Appender => _data.Services.GetRequiredService<AuditAppender>();

    private async Task WriteAsync(string target)
    {
        await using var scope = _data.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEvent { Action = "authz.deny", Target = target }, CancellationToken.None);
    }

    private Task<AuditVerifyResult> VerifyAsync() => _data.WithDbAsync(async db =>
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        return await new AuditChainStore(db).VerifyAsync(key, _data.Services.GetRequiredService<AuditEventMac>(), CancellationToken.None);
    });
}

public sealed class AuditAppenderSqliteTests : AuditAppenderTests
{
    protected override bool OnPostgres => false;
}

public sealed class AuditAppenderPostgresTests : AuditAppenderTests
{
    protected override bool OnPostgres => true;
}
