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
    private static readonly JsonSerializerOptions GrantJson = new(JsonSerializerDefaults.Web);

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
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasMaxLength(24);
            user.Property(u => u.Name).HasMaxLength(42);
            user.HasIndex(u => u.Name).IsUnique();
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.Fullname).HasMaxLength(200);
            user.Property(u => u.PasswordHash).HasMaxLength(200);
        });

        modelBuilder.Entity<Organization>(org =>
        {
            org.ToTable("organizations");
            org.HasKey(o => o.Id);
            org.Property(o => o.Id).HasMaxLength(24);
            org.Property(o => o.Name).HasMaxLength(42);
            org.HasIndex(o => o.Name).IsUnique();
            org.Property(o => o.Fullname).HasMaxLength(200);
        });

        modelBuilder.Entity<NamespaceName>(ns =>
        {
            ns.ToTable("namespaces");
            ns.HasKey(n => n.Key);
            ns.Property(n => n.Key).HasMaxLength(42);
            ns.Property(n => n.OwnerId).HasMaxLength(24);
            ns.HasIndex(n => n.OwnerId).IsUnique();
        });

        modelBuilder.Entity<Membership>(member =>
        {
            member.ToTable("memberships");
            member.HasKey(m => new { m.OrgId, m.UserId });
            member.HasIndex(m => m.UserId);
            member.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            member.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrgId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrgInvitation>(invitation =>
        {
            invitation.ToTable("org_invitations");
            invitation.HasKey(i => new { i.OrgId, i.UserId });
            invitation.HasIndex(i => i.UserId);
            invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
            invitation.Property(i => i.InvitedByUserId).HasMaxLength(24);
            invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrgId).OnDelete(DeleteBehavior.Cascade);
            invitation.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Repository>(repo =>
        {
            repo.ToTable("repositories");
            repo.HasKey(r => r.Id);
            repo.Property(r => r.Id).HasMaxLength(24);
            repo.Property(r => r.Type).HasConversion<string>().HasMaxLength(16);
            repo.Property(r => r.Namespace).HasMaxLength(42);
            repo.Property(r => r.Name).HasMaxLength(96);
            repo.HasIndex(r => new { r.Type, r.Namespace, r.Name }).IsUnique();
            repo.HasIndex(r => r.OwnerId);
            repo.Property(r => r.Sdk).HasMaxLength(32);
            repo.Property(r => r.PushProtection).HasConversion<string>().HasMaxLength(8);
            repo.Ignore(r => r.FullName);
            repo.Ignore(r => r.EffectivePushProtection);
        });

        modelBuilder.Entity<AccessToken>(token =>
        {
            token.ToTable("tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasMaxLength(24);
            token.Property(t => t.Hash).HasMaxLength(32);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.UserId);
            // Runner revocation finds the workload tokens a runner was given.
            token.HasIndex(t => new { t.Kind, t.CreatedBy });
            token.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            token.Property(t => t.Role).HasConversion<string>().HasMaxLength(16);
            token.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            token.Property(t => t.DisplayName).HasMaxLength(100);
            token.Property(t => t.Last4).HasMaxLength(4);
            token.Property(t => t.LastUsedIp).HasMaxLength(45);
            token.Property(t => t.RevokedReason).HasMaxLength(500);
            token.Property(t => t.CreatedBy).HasMaxLength(100);
            token.Property(t => t.Grant)
                .HasColumnName("grant_json")
                .HasConversion(
                    g => JsonSerializer.Serialize(g, GrantJson),
                    s => JsonSerializer.Deserialize<FineGrainedGrant>(s, GrantJson) ?? FineGrainedGrant.Empty,
                    new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<FineGrainedGrant>(
                        (a, b) => JsonSerializer.Serialize(a, GrantJson) == JsonSerializer.Serialize(b, GrantJson),
                        g => JsonSerializer.Serialize(g, GrantJson).GetHashCode(StringComparison.Ordinal),
                        g => g));
        });

        modelBuilder.Entity<SpaceSecret>(secret =>
        {
            secret.ToTable("space_secrets");
            secret.HasKey(s => new { s.RepoId, s.Key });
            secret.Property(s => s.Key).HasMaxLength(SpaceConfigLimits.MaxKeyLength);
            secret.Property(s => s.Description).HasMaxLength(SpaceConfigLimits.MaxDescriptionLength);
            // The rewrap job walks the records still wrapped under an old KMS key version.
            secret.HasIndex(s => s.KmsKeyVersion);
            secret.Ignore(s => s.Sealed);
            // Deleting a Space deletes its secrets and, with them, their wrapped data keys.
            secret.HasOne<Repository>().WithMany().HasForeignKey(s => s.RepoId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SpaceVariable>(variable =>
        {
            variable.ToTable("space_variables");
            variable.HasKey(v => new { v.RepoId, v.Key });
            variable.Property(v => v.Key).HasMaxLength(SpaceConfigLimits.MaxKeyLength);
            variable.Property(v => v.Description).HasMaxLength(SpaceConfigLimits.MaxDescriptionLength);
            variable.HasOne<Repository>().WithMany().HasForeignKey(v => v.RepoId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Session>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Hash);
            session.Property(s => s.Hash).HasMaxLength(32);
            session.Property(s => s.CsrfHash).HasMaxLength(32);
            session.HasIndex(s => s.UserId);
            session.Property(s => s.Ip).HasMaxLength(45);
        });

        modelBuilder.Entity<Core.Leaks.LeakAlert>(alert =>
        {
            alert.ToTable("leak_alerts");
            alert.HasKey(a => a.Id);
            alert.Property(a => a.Id).HasMaxLength(24);
            alert.Property(a => a.RepoId).HasMaxLength(24);
            alert.Property(a => a.OwnerId).HasMaxLength(24);
            alert.Property(a => a.Repository).HasMaxLength(200);
            alert.Property(a => a.RuleId).HasMaxLength(100);
            alert.Property(a => a.Description).HasMaxLength(200);
            alert.Property(a => a.Fingerprint).HasMaxLength(100);
            alert.Property(a => a.Path).HasMaxLength(1100);
            alert.Property(a => a.Commit).HasMaxLength(40);
            alert.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            alert.Property(a => a.StateChangedByUserId).HasMaxLength(24);
            // Once per secret and place: a sweep that finds it again adds nothing.
            alert.HasIndex(a => new { a.RepoId, a.Fingerprint, a.Path }).IsUnique();
            alert.HasIndex(a => new { a.OwnerId, a.State });
            alert.HasOne<Repository>().WithMany().HasForeignKey(a => a.RepoId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Leaks.RepoSweepState>(sweep =>
        {
            sweep.ToTable("repo_sweeps");
            sweep.HasKey(s => s.RepoId);
            sweep.Property(s => s.RepoId).HasMaxLength(24);
            sweep.Property(s => s.RuleSetVersion).HasMaxLength(64);
            sweep.HasOne<Repository>().WithMany().HasForeignKey(s => s.RepoId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Leaks.PendingLeakReport>(report =>
        {
            report.ToTable("leak_reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Hash).HasMaxLength(32);
            report.Property(r => r.Ip).HasMaxLength(45);
        });

        modelBuilder.Entity<Strongroom.Core.Notifications.OutboxMessage>(message =>
        {
            message.ToTable("notification_outbox");
            message.HasKey(m => m.Id);
            message.Property(m => m.Key).HasMaxLength(200);
            message.HasIndex(m => m.Key).IsUnique();
            message.Property(m => m.Channel).HasMaxLength(16);
            message.Property(m => m.Recipient).HasMaxLength(500);
            message.Property(m => m.Subject).HasMaxLength(300);
            message.Property(m => m.LastError).HasMaxLength(500);
            // The delivery worker asks for what is due and not yet delivered.
            message.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
        });

        modelBuilder.Entity<Strongroom.Core.Webhooks.Webhook>(hook =>
        {
            hook.ToTable("webhooks");
            hook.HasKey(w => w.Id);
            hook.Property(w => w.Id).HasMaxLength(24);
            hook.Property(w => w.OwnerId).HasMaxLength(24);
            hook.HasIndex(w => w.OwnerId);
            hook.Property(w => w.Url).HasMaxLength(Strongroom.Core.Webhooks.WebhookUrlRules.MaxUrlLength);
            hook.Property(w => w.Description).HasMaxLength(Strongroom.Core.Webhooks.WebhookUrlRules.MaxDescriptionLength);
            // The rewrap job walks the signing secrets still wrapped under an old KMS key version.
            hook.HasIndex(w => w.KmsKeyVersion);
            hook.Ignore(w => w.Sealed);
        });

        modelBuilder.Entity<Strongroom.Core.Webhooks.WebhookDeliveryAttempt>(attempt =>
        {
            attempt.ToTable("webhook_deliveries");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.WebhookId).HasMaxLength(24);
            attempt.Property(a => a.DeliveryId).HasMaxLength(32);
            attempt.Property(a => a.Event).HasMaxLength(64);
            attempt.Property(a => a.Error).HasMaxLength(500);
            // The owner reads the latest attempts of one webhook.
            attempt.HasIndex(a => new { a.WebhookId, a.Id });
            attempt.HasOne<Strongroom.Core.Webhooks.Webhook>().WithMany().HasForeignKey(a => a.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("audit_events");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.Outcome).HasMaxLength(16);
            audit.Property(a => a.ActorUserId).HasMaxLength(24);
            audit.Property(a => a.TokenId).HasMaxLength(24);
            audit.Property(a => a.OrgId).HasMaxLength(24);
            audit.Property(a => a.Ip).HasMaxLength(45);
            audit.Property(a => a.Target).HasMaxLength(300);
            audit.HasIndex(a => a.Time);
            audit.HasIndex(a => new { a.ActorUserId, a.Id });
            audit.HasIndex(a => new { a.OrgId, a.Id });
        });
    }
}
