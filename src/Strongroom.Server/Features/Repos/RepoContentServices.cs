using Microsoft.Extensions.Options;
using Strongroom.Core.Tokens;
using Strongroom.Git.Content;
using Strongroom.Git.Http;
using Strongroom.Git.Storage;
using Strongroom.Git.Writing;
using Strongroom.Scanning.Engine;
using Strongroom.Server.Features.Repos.PushProtection;
using Strongroom.Server.Features.Repos.Commits;
using Strongroom.Server.Features.Repos.GitHttp;

namespace Strongroom.Server.Features.Repos;

/// <summary>Registers repository content: the git store under the data directory, git over HTTP, and push protection.</summary>
public static class RepoContentServices
{
    public static IServiceCollection AddRepositoryContent(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<RepoOptions>().BindConfiguration(RepoOptions.Section)
            .Validate(o => o.MaxFileBytes is > 0 and <= 1L << 30, "Repos:MaxFileBytes must be between 1 byte and 1 GiB")
            .Validate(o => o.MaxCommitBytes >= o.MaxFileBytes, "Repos:MaxCommitBytes must be at least Repos:MaxFileBytes")
            .Validate(o => o.MaxPushBytes > 0, "Repos:MaxPushBytes must be positive")
            .Validate(o => o.TreePageSize is >= 1 and <= 10_000, "Repos:TreePageSize must be between 1 and 10000")
            .Validate(o => o.ListingCacheEntries is >= 0 and <= 10_000_000, "Repos:ListingCacheEntries must be between 0 and 10000000")
            .ValidateOnStart();
        services.AddSingleton(new GitRepositoryStore(Path.Combine(dataDirectory, "repos")));
        services.AddSingleton<BranchWriteLocks>();
        services.AddSingleton(sp => new RevisionReader(sp.GetRequiredService<IOptions<RepoOptions>>().Value.ListingCacheEntries));
        services.AddSingleton(sp => new GitHttpBackend(sp.GetRequiredService<GitRepositoryStore>(), sp.GetRequiredService<IOptions<RepoOptions>>().Value.MaxPushBytes));

        // The scanner push protection runs: every rule, with this hub's token prefix for our own tokens.
        services.AddSingleton(sp => new ScanEngine(new ScanOptions { TokenPrefixes = [sp.GetRequiredService<IOptions<TokenOptions>>().Value.Prefix] }));
        services.AddScoped<PushGate>();
        services.AddScoped<GitPushReceiver>();
        services.AddScoped<BranchCommitter>();
        return services;
    }
}
