using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Data.Audit;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>AuditRecord</c> is stored.</summary>
internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> audit)
    {
        audit.ToTable("audit_events");
        audit.HasKey(a => a.Id);
        audit.Ignore(a => a.EncodedFields);
        audit.Property(a => a.Action).HasMaxLength(64);
        audit.Property(a => a.Outcome).HasMaxLength(16);
        audit.Property(a => a.ActorUserId).HasMaxLength(24);
        audit.Property(a => a.TokenId).HasMaxLength(24);
        audit.Property(a => a.OrgId).HasMaxLength(24);
        audit.Property(a => a.Ip).HasMaxLength(45);
        audit.Property(a => a.UserAgent).HasMaxLength(300);
        audit.Property(a => a.Target).HasMaxLength(300);
        audit.Property(a => a.PrevHash).HasMaxLength(32);
        audit.Property(a => a.Hash).HasMaxLength(32);
        audit.Property(a => a.Mac).HasMaxLength(Strongroom.Core.Audit.AuditEventMac.Size);
        audit.HasIndex(a => a.Seq).IsUnique();
        audit.HasIndex(a => a.Time);
        audit.HasIndex(a => new { a.ActorUserId, a.Id });
        audit.HasIndex(a => new { a.OrgId, a.Id });
    }
}
