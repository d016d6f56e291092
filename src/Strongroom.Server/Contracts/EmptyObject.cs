namespace Strongroom.Server.Contracts;

/// <summary>The body <c>{}</c>, which the hub answers to a change that has nothing to say (its clients parse a JSON object).</summary>
public sealed record EmptyObject
{
    public static readonly EmptyObject Instance = new();
}
