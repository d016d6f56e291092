using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>Organization</c> is stored.</summary>
internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> org)
    {
        org.ToTable("organizations");
        org.HasKey(o => o.Id);
        org.Property(o => o.Id).HasMaxLength(24);
        org.Property(o => o.Name).HasMaxLength(42);
        org.HasIndex(o => o.Name).IsUnique();
        org.Property(o => o.Fullname).HasMaxLength(200);
    }
}
