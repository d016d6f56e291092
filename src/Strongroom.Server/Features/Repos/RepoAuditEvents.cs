using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Server.Features.Auth;

namespace Strongroom.Server.Features.Repos;

/// <summary>An audit event about a repository by the current caller: who (user, token, address), which repository, its org.</summary>
internal static class RepoAuditEvents
{
    public static AuditEvent For(HttpContext context, string action, Repository repo, IReadOnlyDictionary<string, string>? details = null,
        string outcome = AuditOutcome.Success)
    {
        var caller = context.GetCaller();
        return new AuditEvent
        {
            Action = action,
            Outcome = outcome,
            ActorUserId = caller.User?.Id,
            TokenId = caller.Token?.Id,
            Ip = context.ClientIp(),
            Target = $"{repo.Type.ToWord()}:{repo.FullName}",
            OrgId = repo.OwnerIsOrg ? repo.OwnerId : null,
            Details = details,
        };
    }
}
