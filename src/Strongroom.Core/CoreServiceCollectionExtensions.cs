using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Strongroom.Core.Passwords;
using Strongroom.Core.Sessions;
using Strongroom.Core.Tokens;

namespace Strongroom.Core;

/// <summary>Registers Core's use cases and options.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddStrongroomCore(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Authorization.AccessChanges>();
        services.AddSingleton<TokenCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<Audit.AuditValueHasher>();
        services.AddSingleton<Audit.AuditEventMac>();
        services.AddScoped<VerifyToken>();
        services.AddScoped<VerifySession>();
        services.AddScoped<IssueToken>();
        services.AddScoped<RevokeToken>();
        services.AddScoped<RotateToken>();
        services.AddScoped<ReportLeakedTokens>();
        services.AddScoped<Webhooks.QueueWebhookEvent>();
        services.AddSingleton<Webhooks.WebhookSecretSealer>();
        return services;
    }
}
