using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Hub;
using Strongroom.Data;

namespace Strongroom.Server.Features.Orgs;

/// <summary>Storing and showing invitations; the endpoints are in <see cref="InvitationEndpoints"/> and <see cref="OrgEndpoints"/>.</summary>
internal static class OrgInvitations
{
    /// <summary>Invites <paramref name="user"/> (or renews their pending invitation with this role and a new expiry).</summary>
    public static async Task<OrgInvitation> InviteAsync(
        StrongroomDb db, Organization org, User user, OrgRole role, User invitedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.OrgId == org.Id && i.UserId == user.Id, cancellationToken).ConfigureAwait(false);
        if (invitation is null)
        {
            invitation = new OrgInvitation { OrgId = org.Id, UserId = user.Id, InvitedByUserId = invitedBy.Id };
            db.Invitations.Add(invitation);
        }

        invitation.Role = role;
        invitation.InvitedByUserId = invitedBy.Id;
        invitation.CreatedAt = now;
        invitation.ExpiresAt = now + OrgInvitation.Lifetime;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return invitation;
    }

    public static InvitationView View(Organization org, User user, OrgInvitation invitation) =>
        new(org.Name, user.Name, invitation.Role.ToWord(), "invited", invitation.ExpiresAt);
}
