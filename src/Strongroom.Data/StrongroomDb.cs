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
    public DbSet<Leaks.PendingLeakReport> PendingLeakReports => Set<Leaks.PendingLeakReport>();
    public DbSet<Core.Leaks.LeakAlert> LeakAlerts => Set<Core.Leaks.LeakAlert>();
    public DbSet<Leaks.RepoSweepState> RepoSweeps => Set<Leaks.RepoSweepState>();
    public DbSet<Strongroom.Core.Notifications.OutboxMessage> Outbox => Set<Strongroom.Core.Notifications.OutboxMessage>();
    public DbSet<SpaceSecret> SpaceSecrets => Set<SpaceSecret>();
    public DbSet<SpaceVariable> SpaceVariables => Set<SpaceVariable>();
    public DbSet<Strongroom.Core.Webhooks.Webhook> Webhooks => Set<Strongroom.Core.Webhooks.Webhook>();
    public DbSet<Strongroom.Core.Webhooks.WebhookDeliveryAttempt> WebhookDeliveries => Set<Strongroom.Core.Webhooks.WebhookDeliveryAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // One IEntityTypeConfiguration per entity, under Configuration/.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StrongroomDb).Assembly);
    }
}
