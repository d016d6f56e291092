using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;
using Strongroom.Core.Secrets;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>SpaceSecret</c> is stored.</summary>
internal sealed class SpaceSecretConfiguration : IEntityTypeConfiguration<SpaceSecret>
{
    public void Configure(EntityTypeBuilder<SpaceSecret> secret)
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
    }
}
