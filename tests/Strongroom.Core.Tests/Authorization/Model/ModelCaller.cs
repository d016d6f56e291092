namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>
/// The caller of a generated request. A personal token or a session acts for <see cref="UserId"/>; a
/// workload token's grant names its Space in <see cref="Scoped"/>; a runner has no grant.
/// </summary>
/// <param name="LifetimeDays">Days from creation to expiry; null when the token never expires.</param>
public sealed record ModelCaller(CallerKind Kind, string? UserId, IReadOnlyList<string> Global, IReadOnlyList<ModelScope> Scoped, int? LifetimeDays)
{
    public bool IsPersonalToken => Kind is CallerKind.FineGrained or CallerKind.ClassicRead or CallerKind.ClassicWrite;

    public bool IsClassic => Kind is CallerKind.ClassicRead or CallerKind.ClassicWrite;

    public override string ToString()
    {
        var text = Kind + (UserId is null ? "" : " of " + UserId);
        if (Kind is CallerKind.FineGrained or CallerKind.Workload)
        {
            text += $" global {{{string.Join(",", Global)}}} scoped [{string.Join(", ", Scoped)}]";
        }

        if (IsPersonalToken)
        {
            text += LifetimeDays is { } d ? $" lifetime={d}d" : " no-expiry";
        }

        return text;
    }
}
