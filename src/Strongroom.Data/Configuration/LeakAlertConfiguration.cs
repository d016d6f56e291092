using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>LeakAlert</c> is stored.</summary>
internal sealed class LeakAlertConfiguration : IEntityTypeConfiguration<Core.Leaks.LeakAlert>
{
    public void Configure(EntityTypeBuilder<Core.Leaks.LeakAlert> alert)
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
    }
}
