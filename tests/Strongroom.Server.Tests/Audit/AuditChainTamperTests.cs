using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Audit;
using Strongroom.Data.Audit;
using Strongroom.Server.Features.Audit;
using Strongroom.Server.Tests.Infrastructure;

namespace Strongroom.Server.Tests.Audit;

/// <summary>
/// Tampering with a copy of the database: one event edited, deleted, inserted, or the tail truncated;
/// verification names the first bad sequence number and what was done. The server's own chain verifies.
/// </summary>
public abstract class AuditChainTamperTests(ServerFixture fixture)
{
    [Fact]
    public async Task Verify_UntouchedDatabase_IsOkThroughTheApi()
    {
        await WriteEventsAsync(checkpointAfter: 3, after: 2);
        var admin = await fixture.Hub.AdminAsync();

        var body = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit/verify");

        Assert.True(body.GetProperty("ok").GetBoolean(), body.ToString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("firstBad").ValueKind);
        Assert.True(body.GetProperty("events").GetInt64() >= 5);
        Assert.True(body.GetProperty("checkpoints").GetInt64() >= 1);
    }

    [Fact]
    public async Task Verify_OneFieldEdited_NamesThatEventAsEdited()
    {
        var seq = await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);

        await copy.ExecuteAsync("""UPDATE audit_events SET "Action" = 'token.view' WHERE "Seq" = {0}""", seq);

        Assert.Equal(new AuditProblem(seq, AuditProblem.Edited), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task Verify_OneEventDeleted_NamesItsSeqAsDeleted()
    {
        var seq = await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);

        await copy.ExecuteAsync("""DELETE FROM audit_events WHERE "Seq" = {0}""", seq);

        Assert.Equal(new AuditProblem(seq, AuditProblem.Deleted), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task Verify_ForgedEventInsertedWithValidHash_NamesItAsInserted()
    {
        var seq = await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);
        var original = AuditRecordMapping.ToEntry(await copy.Db.AuditEvents.AsNoTracking().SingleAsync(e => e.Seq == seq));
        var forged = original with { Action = "token.create", Target = "token:forged", DetailsJson = null, ActorUserId = null };
        forged = forged with { Hash = AuditChain.ComputeHash(forged.PrevHash, forged) }; // as good a forgery as can be made without the key

        await copy.ExecuteAsync("""UPDATE audit_events SET "Seq" = "Seq" + 1000000 WHERE "Seq" >= {0}""", seq);
        await copy.ExecuteAsync("""UPDATE audit_events SET "Seq" = "Seq" - 999999 WHERE "Seq" >= 1000000""");
        await copy.ExecuteAsync(
            """INSERT INTO audit_events ("Id", "Seq", "Time", "Action", "Outcome", "Target", "PrevHash", "Hash") SELECT MAX("Id") + 1, {0}, (SELECT "Time" FROM audit_events WHERE "Seq" = {1}), {2}, {3}, {4}, {5}, {6} FROM audit_events""",
            seq, seq + 1, forged.Action, forged.Outcome, forged.Target!, forged.PrevHash, forged.Hash);

        Assert.Equal(new AuditProblem(seq, AuditProblem.Inserted), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task Verify_TailTruncated_NamesTheFirstMissingSeqAsTruncated()
    {
        var seq = await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);

        await copy.ExecuteAsync("""DELETE FROM audit_events WHERE "Seq" >= {0}""", seq);
        await copy.ExecuteAsync("""UPDATE audit_head SET "Seq" = {0}""", seq - 1); // the head row is rewritten too: the checkpoint still tells

        var result = await VerifyAsync(copy);
        Assert.False(result.Ok);
        Assert.Equal(new AuditProblem(seq, AuditProblem.Truncated), result.FirstBad);
    }

    [Fact]
    public async Task Verify_ForgedEventAppendedAfterTheLastCheckpoint_HashesAndHeadIncluded_IsNamedByItsMac()
    {
        await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);
        var head = await copy.Db.AuditHead.AsNoTracking().SingleAsync();
        var last = await copy.Db.AuditEvents.AsNoTracking().SingleAsync(e => e.Seq == head.Seq);
        var forged = new AuditEntry
        {
            Seq = head.Seq + 1, Time = last.Time, Action = "token.revoke", Outcome = "success",
            Target = "token:someone-elses", PrevHash = head.Hash, Hash = [],
        };
        forged = forged with { Hash = AuditChain.ComputeHash(head.Hash, forged) }; // all the chain asks for, computable by anyone

        await copy.ExecuteAsync(
            """INSERT INTO audit_events ("Id", "Seq", "Time", "Action", "Outcome", "Target", "PrevHash", "Hash") SELECT MAX("Id") + 1, {0}, (SELECT "Time" FROM audit_events WHERE "Seq" = {6}), {1}, {2}, {3}, {4}, {5} FROM audit_events""",
            forged.Seq, forged.Action, forged.Outcome, forged.Target!, forged.PrevHash, forged.Hash, head.Seq);
        await copy.ExecuteAsync("""UPDATE audit_head SET "Seq" = {0}, "Hash" = {1}""", forged.Seq, forged.Hash);

        Assert.True((await VerifyAsync(copy, macs: false)).Ok); // the chain and checkpoints alone cannot tell: the tail is past the last signature
        Assert.Equal(new AuditProblem(forged.Seq, AuditProblem.Inserted), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task Verify_EventEditedAfterTheLastCheckpoint_ChainRecomputed_IsNamedByItsMac()
    {
        await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);
        var last = await copy.Db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).FirstAsync();
        var edited = AuditRecordMapping.ToEntry(last) with { Outcome = "failure" };
        var hash = AuditChain.ComputeHash(edited.PrevHash, edited);

        await copy.ExecuteAsync("""UPDATE audit_events SET "Outcome" = 'failure', "Hash" = {0} WHERE "Seq" = {1}""", hash, edited.Seq);
        await copy.ExecuteAsync("""UPDATE audit_head SET "Hash" = {0}""", hash);

        Assert.True((await VerifyAsync(copy, macs: false)).Ok);
        Assert.Equal(new AuditProblem(edited.Seq, AuditProblem.Edited), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task Verify_GenuineEventCopiedAfterTheLastCheckpoint_ChainExtended_IsNamedByItsNonce()
    {
        await WriteEventsAsync(checkpointAfter: 3, after: 2);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);
        var head = await copy.Db.AuditHead.AsNoTracking().SingleAsync();
        var last = await copy.Db.AuditEvents.AsNoTracking().SingleAsync(e => e.Seq == head.Seq);
        var replayed = AuditRecordMapping.ToEntry(last) with { Seq = head.Seq + 1, PrevHash = head.Hash };
        var hash = AuditChain.ComputeHash(head.Hash, replayed);

        // Every field, the MAC included, as the genuine row has it; the chain extended as the sealer would.
        await copy.ExecuteAsync(
            """
            INSERT INTO audit_events ("Id", "Seq", "Time", "Action", "Outcome", "ActorUserId", "TokenId", "OrgId", "Ip", "UserAgent", "Target", "DetailsJson",
                "PrevHash", "Hash", "Mac")
            SELECT (SELECT MAX("Id") + 1 FROM audit_events), {0}, "Time", "Action", "Outcome", "ActorUserId", "TokenId", "OrgId", "Ip", "UserAgent", "Target",
                "DetailsJson", {1}, {2}, "Mac" FROM audit_events WHERE "Seq" = {3}
            """, replayed.Seq, head.Hash, hash, head.Seq);
        await copy.ExecuteAsync("""UPDATE audit_head SET "Seq" = {0}, "Hash" = {1}""", replayed.Seq, hash);

        Assert.True((await VerifyAsync(copy, macs: false)).Ok);
        Assert.Equal(new AuditProblem(replayed.Seq, AuditProblem.Inserted), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task Verify_GenuineEventCopiedAsAPendingRow_IsNamedWhereItWouldBeSealed()
    {
        await WriteEventsAsync(checkpointAfter: 2, after: 1);
        await using var copy = await AuditDatabaseCopy.CreateAsync(fixture.Server);
        var head = await copy.Db.AuditHead.AsNoTracking().SingleAsync();

        await copy.ExecuteAsync(
            """
            INSERT INTO audit_events ("Id", "Time", "Action", "Outcome", "ActorUserId", "TokenId", "OrgId", "Ip", "UserAgent", "Target", "DetailsJson", "Mac")
            SELECT (SELECT MAX("Id") + 1 FROM audit_events), "Time", "Action", "Outcome", "ActorUserId", "TokenId", "OrgId", "Ip", "UserAgent", "Target",
                "DetailsJson", "Mac" FROM audit_events WHERE "Seq" = {0}
            """, head.Seq);

        Assert.Equal(new AuditProblem(head.Seq + 1, AuditProblem.Inserted), (await VerifyAsync(copy)).FirstBad);
    }

    [Fact]
    public async Task RowWrittenAroundStrongroom_IsNeverSealed_AndVerifyNamesIt()
    {
        await WriteEventsAsync(checkpointAfter: 2, after: 0);
        var target = "token:written-around-" + Guid.NewGuid().ToString("N")[..8];
        await ServerSql.ExecuteAsync(fixture.Server,
            [$"""INSERT INTO audit_events ("Time", "Action", "Outcome", "Target") SELECT MAX("Time"), 'token.revoke', 'success', '{target}' FROM audit_events"""]);
        try
        {
            var sealer = fixture.Server.Services.GetRequiredService<AuditSealer>();
            await sealer.SealPendingAsync(CancellationToken.None);
            var admin = await fixture.Hub.AdminAsync();

            var body = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit/verify");

            using var scope = fixture.Server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
            Assert.Null(await db.AuditEvents.Where(e => e.Target == target).Select(e => e.Seq).SingleAsync());
            Assert.False(body.GetProperty("ok").GetBoolean(), body.ToString());
            Assert.Equal(AuditProblem.Inserted, body.GetProperty("firstBad").GetProperty("problem").GetString());
            Assert.Equal(await db.AuditHead.Select(h => h.Seq).SingleAsync() + 1, body.GetProperty("firstBad").GetProperty("seq").GetInt64());
        }
        finally
        {
            await ServerSql.ExecuteAsync(fixture.Server, [$"""DELETE FROM audit_events WHERE "Target" = '{target}'"""]); // the fixture's chain is shared
        }
    }

    /// <summary>Writes events (token creations), a checkpoint, and more events; returns the seq of an event the checkpoint covers.</summary>
    private async Task<long> WriteEventsAsync(int checkpointAfter, int after)
    {
        var user = await fixture.Hub.CreateUserAsync("auditee");
        var ids = new List<string>();
        for (var i = 0; i < checkpointAfter; i++)
        {
            ids.Add((await Hub.CreateTokenAsync(user, new { displayName = "t" + i, role = "read" })).Id);
        }

        Assert.NotNull(await fixture.Server.Services.GetRequiredService<AuditCheckpointer>().WriteIfDueAsync(force: true, CancellationToken.None));
        for (var i = 0; i < after; i++)
        {
            await Hub.CreateTokenAsync(user, new { displayName = "after" + i, role = "read" });
        }

        await fixture.Server.Services.GetRequiredService<AuditSealer>().SealPendingAsync(CancellationToken.None);
        using var scope = fixture.Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Strongroom.Data.StrongroomDb>();
        var target = "token:" + ids[1];
        return await db.AuditEvents.Where(e => e.Action == "token.create" && e.Target == target).Select(e => e.Seq!.Value).SingleAsync();
    }

    /// <summary>Verifies the copy as the server does: the chain, the checkpoints, and (unless told not to) every event's MAC.</summary>
    private async Task<AuditVerifyResult> VerifyAsync(AuditDatabaseCopy copy, bool macs = true)
    {
        using var publicKey = fixture.Server.Services.GetRequiredService<AuditCheckpointer>().PublicKey();
        var mac = macs ? fixture.Server.Services.GetRequiredService<AuditEventMac>() : null;
        return await new AuditChainStore(copy.Db).VerifyAsync(publicKey, mac, CancellationToken.None);
    }
}

public sealed class AuditChainTamperSqliteTests(SqliteServerFixture fixture) : AuditChainTamperTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AuditChainTamperPostgresTests(PostgresServerFixture fixture) : AuditChainTamperTests(fixture), IClassFixture<PostgresServerFixture>;

/// <summary>The same with checkpoints signed inside a PKCS#11 token (SoftHSM2).</summary>
public sealed class AuditChainTamperPostgresPkcs11Tests(PostgresPkcs11ServerFixture fixture) : AuditChainTamperTests(fixture), IClassFixture<PostgresPkcs11ServerFixture>;
