using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Off only in the audit benchmark, to measure what the chain costs; nothing else may turn it off.</summary>
    internal bool ChainAuditEvents { get; set; } = true;

    /// <summary>
    /// Saves, chaining any new audit rows in the same transaction as the changes they record: both commit
    /// or neither does (an event that cannot be written fails its action).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var added = ChangeTracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0 || !ChainAuditEvents)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AuditChainWriter.SealAsync(this, added, cancellationToken).ConfigureAwait(false);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AuditChainWriter.SealAsync(this, added, cancellationToken).ConfigureAwait(false);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>Refuses to save audit rows synchronously: they are chained by <see cref="SaveChangesAsync(bool, CancellationToken)"/>.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<AuditRecord>().Any(e => e.State == EntityState.Added))
        {
            throw new InvalidOperationException("Audit events are chained on SaveChangesAsync; save them asynchronously.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // One IEntityTypeConfiguration per entity, under Configuration/.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StrongroomDb).Assembly);
    }
}
