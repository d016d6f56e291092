using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Strongroom.Core.Audit;
using Strongroom.Core.Hub;
using Strongroom.Core.Leaks;
using Strongroom.Core.Notifications;
using Strongroom.Core.Tokens;
using Strongroom.Data;
using Strongroom.Git.History;
using Strongroom.Git.Storage;
using Strongroom.Scanning.Rules;

namespace Strongroom.Server.Features.Leaks.Sweeps;

/// <summary>
/// What a sweep does about what it found in a public repository: a live token of ours is revoked at once,
/// marked leaked with the repository, path, line and commit, and its owner told once
/// (<see cref="ReportLeakedTokens"/>); a third-party secret becomes a leak alert for the repository's owner
/// (a user, or the org's admins), once per secret and place, with one notice each.
/// </summary>
public sealed class SweepResponse(StrongroomDb db, ReportLeakedTokens leaks, INotificationOutbox outbox, IAuditLog audit, TimeProvider time)
{
    /// <summary>Commits looked up per repository and pass (each is a <c>git log --find-object</c>); later alerts name none.</summary>
    private const int CommitLookups = 50;

    public async Task<(int TokensRevoked, int AlertsCreated)> HandleAsync(Repository repo, GitRepo git, IReadOnlyList<string> tips, IReadOnlyList<SweepFinding> findings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var lookups = 0;
        async Task<string?> CommitOf(string blob) =>
            lookups++ < CommitLookups ? await RepoRefs.IntroducedAsync(git, tips, blob, cancellationToken).ConfigureAwait(false) : null;

        var revoked = await RevokeTokensAsync(repo, findings, CommitOf, cancellationToken).ConfigureAwait(false);
        var alerts = await RaiseAlertsAsync(repo, findings, CommitOf, cancellationToken).ConfigureAwait(false);
        return (revoked, alerts);
    }

    private async Task<int> RevokeTokensAsync(Repository repo, IReadOnlyList<SweepFinding> findings, Func<string, Task<string?>> commitOf, CancellationToken cancellationToken)
    {
        var place = $"the public {repo.Type.ToWord()} {repo.FullName}";
        var revoked = 0;
        foreach (var token in findings.Where(f => f.Finding.RuleId == "strongroom-token")
                     .Select(f => (Found: f, Hash: leaks.HashIfOurs(f.Finding.Secret))).Where(f => f.Hash is not null)
                     .DistinctBy(f => Convert.ToHexString(f.Hash!)))
        {
            var commit = await commitOf(token.Found.BlobOid).ConfigureAwait(false);
            var where = string.Create(CultureInfo.InvariantCulture,
                $"{place}, file {token.Found.Finding.Path}, line {token.Found.Finding.Line}{(commit is null ? "" : $", commit {commit}")} (found by the hub's sweep)");
            var outcome = await leaks.ExecuteAsync([token.Hash!], where, "sweep", null, cancellationToken).ConfigureAwait(false);
            revoked += outcome.Count(o => o.Killed);
        }

        return revoked;
    }

    private async Task<int> RaiseAlertsAsync(Repository repo, IReadOnlyList<SweepFinding> findings, Func<string, Task<string?>> commitOf, CancellationToken cancellationToken)
    {
        var secrets = findings.Where(f => f.Finding.RuleId != "strongroom-token" && f.Finding.Confidence >= Confidence.High)
            .DistinctBy(f => (f.Finding.Fingerprint, f.Finding.Path)).ToList();
        if (secrets.Count == 0)
        {
            return 0;
        }

        var known = (await db.LeakAlerts.AsNoTracking()
                .Where(a => a.RepoId == repo.Id)
                .Select(a => new { a.Fingerprint, a.Path })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(a => (a.Fingerprint, a.Path)).ToHashSet();
        var recipients = await RecipientsAsync(repo, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var created = new List<LeakAlert>();
        foreach (var secret in secrets.Where(s => !known.Contains((s.Finding.Fingerprint, s.Finding.Path))))
        {
            var alert = NewAlert(repo, secret, await commitOf(secret.BlobOid).ConfigureAwait(false), now);
            db.LeakAlerts.Add(alert);
            foreach (var recipient in recipients)
            {
                outbox.Enqueue(LeakAlertNotice.For(alert, recipient, now));
            }

            created.Add(alert);
        }

        if (created.Count > 0)
        {
            // The alerts, their notices and their audit events in one commit: a crash leaves all or none.
            await audit.WriteAsync(created.Select(a => AlertEvent(repo, a)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return created.Count;
    }

    private static LeakAlert NewAlert(Repository repo, SweepFinding secret, string? commit, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        RepoId = repo.Id,
        OwnerId = repo.OwnerId,
        OwnerIsOrg = repo.OwnerIsOrg,
        Repository = $"{repo.Type.ToWord()}:{repo.FullName}",
        RuleId = secret.Finding.RuleId,
        Description = secret.Finding.Description,
        Fingerprint = secret.Finding.Fingerprint,
        Path = secret.Finding.Path,
        Line = secret.Finding.Line,
        Commit = commit,
        FirstSeenAt = now,
        State = LeakAlertState.Open,
    };

    private static AuditEvent AlertEvent(Repository repo, LeakAlert alert) => new()
    {
        Action = "leak.alert",
        Outcome = AuditOutcome.Success,
        Target = alert.Repository,
        OrgId = repo.OwnerIsOrg ? repo.OwnerId : null,
        Details = new Dictionary<string, string>
        {
            ["alert"] = alert.Id,
            ["rule"] = alert.RuleId,
            ["path"] = alert.Path,
            ["line"] = alert.Line.ToString(CultureInfo.InvariantCulture),
            ["fingerprint"] = alert.Fingerprint,
        },
    };

    /// <summary>Who is told: the owning user, or every admin of the owning org.</summary>
    private async Task<List<User>> RecipientsAsync(Repository repo, CancellationToken cancellationToken)
    {
        if (!repo.OwnerIsOrg)
        {
            return await db.Users.AsNoTracking().Where(u => u.Id == repo.OwnerId).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        return await (from m in db.Memberships.AsNoTracking()
                      where m.OrgId == repo.OwnerId && m.Role == OrgRole.Admin
                      join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                      select u).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
