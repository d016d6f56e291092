using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Data.Audit;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>AuditCheckpointRecord</c> is stored; one checkpoint per chain size.</summary>
internal sealed class AuditCheckpointRecordConfiguration : IEntityTypeConfiguration<AuditCheckpointRecord>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointRecord> checkpoint)
    {
        checkpoint.ToTable("audit_checkpoints");
        checkpoint.HasKey(c => c.Id);
        checkpoint.Property(c => c.HeadHash).HasMaxLength(32);
        checkpoint.Property(c => c.PrevSignature).HasMaxLength(64);
        checkpoint.Property(c => c.Signature).HasMaxLength(64);
        checkpoint.HasIndex(c => c.Size).IsUnique();
    }
}
