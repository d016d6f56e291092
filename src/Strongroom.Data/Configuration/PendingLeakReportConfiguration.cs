using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>PendingLeakReport</c> is stored.</summary>
internal sealed class PendingLeakReportConfiguration : IEntityTypeConfiguration<Leaks.PendingLeakReport>
{
    public void Configure(EntityTypeBuilder<Leaks.PendingLeakReport> report)
    {
        report.ToTable("leak_reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Hash).HasMaxLength(32);
        report.Property(r => r.Ip).HasMaxLength(45);
    }
}
