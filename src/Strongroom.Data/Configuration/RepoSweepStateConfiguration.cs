using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>RepoSweepState</c> is stored.</summary>
internal sealed class RepoSweepStateConfiguration : IEntityTypeConfiguration<Leaks.RepoSweepState>
{
    public void Configure(EntityTypeBuilder<Leaks.RepoSweepState> sweep)
    {
        sweep.ToTable("repo_sweeps");
        sweep.HasKey(s => s.RepoId);
        sweep.Property(s => s.RepoId).HasMaxLength(24);
        sweep.Property(s => s.RuleSetVersion).HasMaxLength(64);
        sweep.HasOne<Repository>().WithMany().HasForeignKey(s => s.RepoId).OnDelete(DeleteBehavior.Cascade);
    }
}
