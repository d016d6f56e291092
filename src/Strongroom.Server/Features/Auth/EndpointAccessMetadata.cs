namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Endpoint metadata that <see cref="CallerMiddleware"/> reads instead of comparing paths: routing matches
/// paths case-insensitively, so a check keyed on the path string would not see the request routing sees.
/// </summary>
public static class EndpointAccessMetadata
{
    /// <summary>Marks an endpoint that never needs a caller (health, the OpenAPI document): credentials on it are not even looked at.</summary>
    public static TBuilder WithoutCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(NoCaller.Instance);

    /// <summary>Marks an endpoint a session may call while its one-time password still has to change.</summary>
    public static TBuilder AllowedBeforePasswordChange<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(BeforePasswordChange.Instance);

    internal static bool SkipsCaller(this Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<NoCaller>() is not null;

    internal static bool IsAllowedBeforePasswordChange(this Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<BeforePasswordChange>() is not null;

    internal sealed class NoCaller
    {
        public static readonly NoCaller Instance = new();
    }

    internal sealed class BeforePasswordChange
    {
        public static readonly BeforePasswordChange Instance = new();
    }
}
