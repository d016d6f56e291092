using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Strongroom.Core;
using Strongroom.Core.Kms;
using Strongroom.Core.Secrets;
using Strongroom.Kms.Local;
using Strongroom.Kms.Pkcs11;
using Strongroom.Data;
using Strongroom.Server.Features.Access;
using Strongroom.Server.Features.Admin;
using Strongroom.Server.Features.Audit;
using Strongroom.Server.Features.Auth;
using Strongroom.Server.Features.Errors;
using Strongroom.Server.Features.Home;
using Strongroom.Server.Features.Kms;
using Strongroom.Server.Features.Leaks;
using Strongroom.Server.Features.Leaks.Sweeps;
using Strongroom.Server.Features.Notifications;
using Strongroom.Notifications;
using Strongroom.Server.Features.Orgs;
using Strongroom.Git.Http;
using Strongroom.Git.Process;
using Strongroom.Server.Features.Repos;
using Strongroom.Server.Features.Repos.Commits;
using Strongroom.Server.Features.Repos.Content;
using Strongroom.Server.Features.Repos.GitHttp;
using Strongroom.Server.Features.Runtime;
using Strongroom.Server.Features.Spaces;
using Strongroom.Server.Features.Tokens;
using Strongroom.Server.Features.Webhooks;
using Strongroom.Server.Features.WhoAmI;
using Strongroom.Server.Repositories;
using Strongroom.Server.Workloads;

namespace Strongroom.Server.Hosting;

/// <summary>
/// Builds the Strongroom web application. Configuration comes from <c>appsettings.json</c>, environment
/// variables <c>STRONGROOM__Section__Key</c>, then flags <c>--Section:Key value</c> (later wins).
/// </summary>
public static class StrongroomApp
{
    /// <summary>Where settings come from, later ones winning: appsettings.json in the current directory, STRONGROOM__ variables, flags.</summary>
    public static IConfigurationBuilder AddConfigurationSources(IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("STRONGROOM__")
            .AddCommandLine(args);
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        AddConfigurationSources(builder.Configuration, args);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var server = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var dataDirectory = PrivateDataDirectory(server);
        ConfigureHttp(builder.Services, server);
        AddStrongroom(builder.Services, builder.Configuration, dataDirectory);
        configure?.Invoke(builder);

        var invalidProxies = TrustedProxies.Invalid(server.TrustedProxies);
        if (invalidProxies.Count > 0)
        {
            throw new InvalidOperationException($"Server:TrustedProxies: not an address or CIDR network: {string.Join(", ", invalidProxies)}");
        }

        var app = builder.Build();
        if (TrustedProxies.Options(server.TrustedProxies) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.UseSecurityHeaders();
        app.UseApiErrors();
        app.UseRequestTextGuard();
        app.UseRateLimiter();
        app.UseMiddleware<CallerMiddleware>();
        MapEndpoints(app);
        return app;
    }

    /// <summary>The data directory, made if missing and readable by this user only.</summary>
    private static string PrivateDataDirectory(ServerOptions server)
    {
        var dataDirectory = Path.GetFullPath(server.DataDirectory);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException(dataDirectory, e);
        }

        return dataDirectory;
    }

    /// <summary>Kestrel's limits, the JSON the hub's clients expect, and the route constraints.</summary>
    private static void ConfigureHttp(IServiceCollection services, ServerOptions server)
    {
        services.Configure<KestrelServerOptions>(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = server.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            // The hot endpoints' bodies from generated metadata; everything else by reflection, as before.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HotPathJsonContext.Default);
            o.SerializerOptions.MaxDepth = 32;
            // The hub omits absent fields rather than sending nulls; its clients test for presence.
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new HubDateTimeConverter());
            o.SerializerOptions.Converters.Add(new NoNulStringConverter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<RouteOptions>(o =>
        {
            o.SetParameterPolicy<RepoTypesRouteConstraint>(RepoTypesRouteConstraint.Name);
            o.SetParameterPolicy<NamespaceRouteConstraint>(NamespaceRouteConstraint.Name);
        });
    }

    /// <summary>Every part's services: storage, KMS, the slices' services and background jobs.</summary>
    private static void AddStrongroom(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddStrongroomCore();
        var sqlitePath = Path.Combine(dataDirectory, "strongroom.db");
        if (string.IsNullOrEmpty(database.ConnectionString))
        {
            SqliteFiles.MakePrivate(sqlitePath);
        }

        services.AddStrongroomData(database.ConnectionString, sqlitePath, database.SqliteSynchronous);
        services.AddHostedService<SqliteCheckpointJob>();
        services.AddStrongroomKms().AddLocalKms(dataDirectory).AddPkcs11Kms();
        services.AddOptions<SpaceOptions>().BindConfiguration(SpaceOptions.SectionName);
        services.AddScoped<AccessGuard>();
        services.AddSingleton<RepoLookups>();
        services.AddSingleton<AnonymousDenials>();
        services.AddSingleton<AnonymousDenialsFlush>();
        services.AddHostedService(sp => sp.GetRequiredService<AnonymousDenialsFlush>());
        services.AddSingleton<TokenUses>();
        services.AddSingleton<TokenUsesFlush>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenUsesFlush>());
        services.AddSingleton<TokenFirstUsesFlush>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenFirstUsesFlush>());
        services.AddLeakResponse();
        services.AddStrongroomNotifications();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDelivery>());
        services.AddSingleton<SessionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionSweep>());
        services.AddScoped<GrantResolver>();
        services.AddScoped<SpaceConfigWriter>();
        services.AddScoped<CreateRepository>();
        services.AddScoped<SpaceRuntime>();
        services.AddScoped<RevokeWorkloadTokens>();
        services.AddRepositoryContent(dataDirectory);
        services.AddKmsRotation();
        services.AddAuditChain();
        services.AddOpenApi();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithoutCaller().WithTags("Health");
        app.MapOpenApi("/openapi/{documentName}.json").WithoutCaller();
        app.MapSessionEndpoints();
        app.MapWhoAmIEndpoints();
        app.MapTokenEndpoints();
        app.MapRepoEndpoints();
        app.MapRepoListEndpoints();
        app.MapRepoPageEndpoints();
        app.MapRepoCommitEndpoints();
        app.MapRepoTreeEndpoints();
        app.MapRepoFileEndpoints();
        app.MapGitHttpEndpoints();
        app.MapHomeEndpoints();
        app.MapOrgEndpoints();
        app.MapInvitationEndpoints();
        app.MapAdminUserEndpoints();
        app.MapKmsEndpoints();
        app.MapAuditAdminEndpoints();
        app.MapAuditViewEndpoints();
        app.MapAuthCheckEndpoints();
        app.MapSpaceConfigEndpoints();
        app.MapSpaceDuplicateEndpoints();
        app.MapAdminRunnerEndpoints();
        app.MapRuntimeEndpoints();
        app.MapCredentialRevokeEndpoints();
        app.MapCredentialCheckEndpoints();
        app.MapGitHubPartnerEndpoints();
        app.MapLeakAlertEndpoints();
        app.MapSweepEndpoints();
        app.MapWebhookEndpoints();
    }

    /// <summary>Applies migrations and creates the first admin; returns the password file's path when it made one.</summary>
    public static async Task<string?> PrepareAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StrongroomDb>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        // git stores the repositories: a missing or old git stops the start, not the first push.
        await GitInstallation.VerifyAsync(cancellationToken).ConfigureAwait(false);
        app.Services.GetRequiredService<GitHttpBackend>().InstallHooks();
        if (!app.Services.GetRequiredService<IOptions<RepoOptions>>().Value.PushProtection)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Strongroom.Repos")
                .LogWarning("Repos:PushProtection is off: pushes and commits are not scanned, and live tokens can be pushed");
        }

        // Open the KMS now: a wrong module path, PIN or key directory stops the start, not the first request.
        _ = app.Services.GetRequiredService<IKeyEncryptionService>();

        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        return await FirstAdmin.EnsureAsync(app.Services, Path.GetFullPath(server.DataDirectory), cancellationToken).ConfigureAwait(false);
    }
}
