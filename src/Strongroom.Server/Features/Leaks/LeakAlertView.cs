using Strongroom.Core.Leaks;

namespace Strongroom.Server.Features.Leaks;

/// <summary>A leak alert as the API shows it (never the secret: its fingerprint).</summary>
public sealed record LeakAlertView(string Id, string Repository, string Rule, string Description, string Path, long Line, string? Commit,
    string Fingerprint, DateTimeOffset FirstSeenAt, string State, DateTimeOffset? StateChangedAt)
{
    public static LeakAlertView From(LeakAlert a) =>
        new(a.Id, a.Repository, a.RuleId, a.Description, a.Path, a.Line, a.Commit, a.Fingerprint, a.FirstSeenAt, a.State.ToWord(), a.StateChangedAt);
}

/// <summary>Body of <c>PUT …/leaks/{id}</c>.</summary>
public sealed record LeakAlertStateRequest(string? State);
