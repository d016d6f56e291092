using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Hosting;
using Strongroom.Server.Features.Leaks.Sweeps;

namespace Strongroom.Server.Features.Leaks;

/// <summary>Registers the leak-response endpoints' services: options, the report worker, GitHub's keys, the revoke endpoint's rate limit.</summary>
public static class LeakResponseServices
{
    public static IServiceCollection AddLeakResponse(this IServiceCollection services)
    {
        services.AddOptions<LeaksOptions>().BindConfiguration(LeaksOptions.Section)
            .Validate(o => o.RevokeRateLimit is >= 1 and <= 100_000, "Leaks:RevokeRateLimit must be between 1 and 100000 requests per minute")
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1), "Leaks:SweepInterval must be at least one second").ValidateOnStart();
        services.AddSingleton<GitHubPublicKeys>();
        services.AddSingleton<RuleSetVersion>();
        services.AddSingleton<PublicContentSignal>();
        services.AddScoped<SweepResponse>();
        services.AddSingleton<LeakSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<LeakSweep>());
        services.AddSingleton<LeakReportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<LeakReportWorker>());
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(CredentialRevokeEndpoints.RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LeaksOptions>>().Value.RevokeRateLimit;
                return RateLimitPartition.GetFixedWindowLimiter(context.ClientIp(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ApiError.TooManyRequests("too_many_requests", "Too many reports from this address; try again later")
                    .ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
            };
        });
        return services;
    }
}
