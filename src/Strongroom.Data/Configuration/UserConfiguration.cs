using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>User</c> is stored.</summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).HasMaxLength(24);
        user.Property(u => u.Name).HasMaxLength(42);
        user.HasIndex(u => u.Name).IsUnique();
        user.Property(u => u.Email).HasMaxLength(254);
        user.Property(u => u.Fullname).HasMaxLength(200);
        user.Property(u => u.PasswordHash).HasMaxLength(200);
    }
}
