using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>NamespaceName</c> is stored.</summary>
internal sealed class NamespaceNameConfiguration : IEntityTypeConfiguration<NamespaceName>
{
    public void Configure(EntityTypeBuilder<NamespaceName> ns)
    {
        ns.ToTable("namespaces");
        ns.HasKey(n => n.Key);
        ns.Property(n => n.Key).HasMaxLength(42);
        ns.Property(n => n.OwnerId).HasMaxLength(24);
        ns.HasIndex(n => n.OwnerId).IsUnique();
    }
}
