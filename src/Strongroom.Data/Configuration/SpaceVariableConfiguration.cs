using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>SpaceVariable</c> is stored.</summary>
internal sealed class SpaceVariableConfiguration : IEntityTypeConfiguration<SpaceVariable>
{
    public void Configure(EntityTypeBuilder<SpaceVariable> variable)
    {
        variable.ToTable("space_variables");
        variable.HasKey(v => new { v.RepoId, v.Key });
        variable.Property(v => v.Key).HasMaxLength(SpaceConfigLimits.MaxKeyLength);
        variable.Property(v => v.Description).HasMaxLength(SpaceConfigLimits.MaxDescriptionLength);
        variable.HasOne<Repository>().WithMany().HasForeignKey(v => v.RepoId).OnDelete(DeleteBehavior.Cascade);
    }
}
