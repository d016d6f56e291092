using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;
using Strongroom.Core.Sessions;
using Strongroom.Core.Tokens;
using Strongroom.Data.Audit;

namespace Strongroom.Data;

/// <summary>
/// The one model of Strongroom's storage. Provider subclasses (<see cref="SqliteStrongroomDb"/>,
/// <see cref="PostgresStrongroomDb"/>) only carry their own migrations and conventions.
/// </summary>
public abstract class StrongroomDb(DbContextOptions options) : DbContext(options)
{
    internal static readonly JsonSerializerOptions GrantJson = new(JsonSerializerDefaults.Web);

    public DbSet<User> Users => Set<User>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<NamespaceName> Namespaces => Set<NamespaceName>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<OrgInvitation> Invitations => Set<OrgInvitation>();
    public DbSet<Repository> Repositories => Set<Repository>();
    public DbSet<AccessToken> Tokens => Set<AccessToken>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<AuditRecord> AuditEvents => Set<AuditRecord>();
    public DbSet<AuditHead> AuditHead => Set<AuditHead>();
    public DbSet<AuditCheckpointRecord> AuditCheckpoints => Set<AuditCheckpointRecord>();
    public DbSet<Leaks.PendingLeakReport> PendingLeakReports => Set<Leaks.PendingLeakReport>();
    public DbSet<Core.Leaks.LeakAlert> LeakAlerts => Set<Core.Leaks.LeakAlert>();
    public DbSet<Leaks.RepoSweepState> RepoSweeps => Set<Leaks.RepoSweepState>();
    public DbSet<Strongroom.Core.Notifications.OutboxMessage> Outbox => Set<Strongroom.Core.Notifications.OutboxMessage>();
    public DbSet<SpaceSecret> SpaceSecrets => Set<SpaceSecret>();
    public DbSet<SpaceVariable> SpaceVariables => Set<SpaceVariable>();
    public DbSet<Strongroom.Core.Webhooks.Webhook> Webhooks => Set<Strongroom.Core.Webhooks.Webhook>();
    public DbSet<Strongroom.Core.Webhooks.WebhookDeliveryAttempt> WebhookDeliveries => Set<Strongroom.Core.Webhooks.WebhookDeliveryAttempt>();

    /// <summary>This context's holding of the node's SQLite write gate (<see cref="SqliteWriteGate"/>); it holds the gate while this is the gate's present one.</summary>
    internal SqliteWriteGate.Hold? WriteGateHold { get; set; }

    /// <summary>Whether a save is under way (<see cref="SqliteGroupCommitInterceptor"/>: its own transaction's commit does not wait, the save's end does).</summary>
    internal bool Saving { get; set; }

    /// <summary>
    /// Set before an explicit transaction's commit by a caller that waits for its durability itself (the audit
    /// appender, so that its one writer goes on with the next batch meanwhile): on SQLite with group commit the
    /// commit then returns at once and leaves the wait in <see cref="Durable"/>. It holds for one commit; the
    /// caller clears it too when it gives the context back (contexts are pooled).
    /// </summary>
    internal bool DurableLater { get; set; }

    /// <summary>After a commit with <see cref="DurableLater"/>: ends when it is durable; null when it already was.</summary>
    internal Task? Durable { get; set; }

    /// <summary>Audit rows saved inside a transaction that has not committed yet: the sealer hears of them at its commit.</summary>
    private List<AuditRecord>? _auditRowsAwaitCommit;

    /// <summary>
    /// Saves; new audit rows commit with the changes they record (an event that cannot be written fails its
    /// action), and the sealer is told of them once they are committed.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var audited = AddedAuditRows();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        AfterSave(audited);
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var audited = AddedAuditRows();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        AfterSave(audited);
        return saved;
    }

    /// <summary>Called by <see cref="AuditCommitInterceptor"/> when a transaction begins: rows left by one disposed uncommitted are not this one's.</summary>
    internal void TransactionStarted() => _auditRowsAwaitCommit = null;

    /// <summary>Called by <see cref="AuditCommitInterceptor"/> when this context's transaction commits.</summary>
    internal void TransactionCommitted()
    {
        if (_auditRowsAwaitCommit is { } rows)
        {
            _auditRowsAwaitCommit = null;
            TellSealer(rows);
        }
    }

    /// <summary>Called by <see cref="AuditCommitInterceptor"/>: the rows saved inside the transaction are gone with it.</summary>
    internal void TransactionRolledBack() => _auditRowsAwaitCommit = null;

    private List<AuditRecord>? AddedAuditRows()
    {
        List<AuditRecord>? added = null;
        foreach (var entry in ChangeTracker.Entries<AuditRecord>())
        {
            if (entry.State == EntityState.Added)
            {
                (added ??= []).Add(entry.Entity);
            }
        }

        return added;
    }

    private void AfterSave(List<AuditRecord>? audited)
    {
        if (audited is null)
        {
            return;
        }

        if (Database.CurrentTransaction is null)
        {
            TellSealer(audited);
        }
        else
        {
            (_auditRowsAwaitCommit ??= []).AddRange(audited);
        }
    }

    /// <summary>The sealer of the application this context serves; none for a context made by hand (tools, tests).</summary>
    private void TellSealer(List<AuditRecord> committed) =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<AuditSealer>()?.Committed(committed);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // One IEntityTypeConfiguration per entity, under Configuration/.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StrongroomDb).Assembly);
    }
}
