using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Tokens;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>AccessToken</c> is stored.</summary>
internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.ToTable("tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).HasMaxLength(24);
        token.Property(t => t.Hash).HasMaxLength(32);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        // Runner revocation finds the workload tokens a runner was given.
        token.HasIndex(t => new { t.Kind, t.CreatedBy });
        token.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        token.Property(t => t.Role).HasConversion<string>().HasMaxLength(16);
        token.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        token.Property(t => t.DisplayName).HasMaxLength(100);
        token.Property(t => t.Last4).HasMaxLength(4);
        token.Property(t => t.LastUsedIp).HasMaxLength(45);
        token.Property(t => t.RevokedReason).HasMaxLength(500);
        token.Property(t => t.CreatedBy).HasMaxLength(100);
        token.Property(t => t.Grant)
            .HasColumnName("grant_json")
            .HasConversion(
                g => JsonSerializer.Serialize(g, StrongroomDb.GrantJson),
                s => JsonSerializer.Deserialize<FineGrainedGrant>(s, StrongroomDb.GrantJson) ?? FineGrainedGrant.Empty,
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<FineGrainedGrant>(
                    (a, b) => JsonSerializer.Serialize(a, StrongroomDb.GrantJson) == JsonSerializer.Serialize(b, StrongroomDb.GrantJson),
                    g => JsonSerializer.Serialize(g, StrongroomDb.GrantJson).GetHashCode(StringComparison.Ordinal),
                    g => g));
    }
}
