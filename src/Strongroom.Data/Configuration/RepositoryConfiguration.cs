using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>Repository</c> is stored.</summary>
internal sealed class RepositoryConfiguration : IEntityTypeConfiguration<Repository>
{
    public void Configure(EntityTypeBuilder<Repository> repo)
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
    }
}
