using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strongroom.Core.Hub;

namespace Strongroom.Data.Configuration;

/// <summary>How <c>OrgInvitation</c> is stored.</summary>
internal sealed class OrgInvitationConfiguration : IEntityTypeConfiguration<OrgInvitation>
{
    public void Configure(EntityTypeBuilder<OrgInvitation> invitation)
    {
        invitation.ToTable("org_invitations");
        invitation.HasKey(i => new { i.OrgId, i.UserId });
        invitation.HasIndex(i => i.UserId);
        invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        invitation.Property(i => i.InvitedByUserId).HasMaxLength(24);
        invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrgId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
