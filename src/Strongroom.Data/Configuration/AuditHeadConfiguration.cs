using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Data.Audit;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>AuditHead</c> is stored: one row, seeded empty, so every append can lock it.</summary>
internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> head)
    {
        head.ToTable("audit_head");
        head.HasKey(h => h.Id);
        head.Property(h => h.Id).ValueGeneratedNever();
        head.Property(h => h.Hash).HasMaxLength(32);
        head.HasData(new AuditHead { Id = AuditHead.RowId, Seq = 0, Hash = new byte[32] });
    }
}
