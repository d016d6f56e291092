namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>An organization of a generated hub, with its token policy.</summary>
/// <param name="MaxLifetimeDays">The longest token lifetime the org accepts; null for no cap.</param>
public sealed record ModelOrg(string Id, bool RequireFineGrained, int? MaxLifetimeDays)
{
    public override string ToString() =>
        Id + (RequireFineGrained ? " requires-fine-grained" : "") + (MaxLifetimeDays is { } d ? $" max-lifetime={d}d" : "");
}
