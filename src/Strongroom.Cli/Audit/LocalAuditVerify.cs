using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Strongroom.Cli.Client;
using Strongroom.Core.Audit;
using Strongroom.Data;
using Strongroom.Data.Audit;
using Strongroom.Server.Features.Audit;
using Strongroom.Server.Hosting;

namespace Strongroom.Cli.Audit;

/// <summary>
/// <c>strongroom audit verify --local</c>: the server's own verification (chain, checkpoints, every event's
/// MAC) run from this machine against the database and KMS that <c>serve</c> would use here (appsettings.json,
/// STRONGROOM__ variables, <c>--data</c>, <c>--database</c>, <c>--Section:Key value</c>). Reads only: it seals
/// nothing, migrates nothing, and does not create a database where there is none.
/// </summary>
internal static class LocalAuditVerify
{
    public static async Task<AuditVerifyResult> RunAsync(string? data, string? database, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var args = new List<string>();
        if (data is not null)
        {
            args.AddRange(["--Server:DataDirectory", data]);
        }

        if (database is not null)
        {
            args.AddRange(["--Database:ConnectionString", database]);
        }

        args.AddRange(settings);
        RefuseWhereThereIsNoDatabase([.. args]);
        await using var app = StrongroomApp.Build([.. args]);
        await using var scope = app.Services.CreateAsyncScope();
        using var publicKey = app.Services.GetRequiredService<AuditCheckpointer>().PublicKey();
        return await scope.ServiceProvider.GetRequiredService<AuditChainStore>()
            .VerifyAsync(publicKey, app.Services.GetRequiredService<AuditEventMac>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks for the SQLite file before the app is built: building it prepares the data directory (and the
    /// KMS, once used), which would leave an empty database and new keys where the operator mistyped a path.
    /// </summary>
    private static void RefuseWhereThereIsNoDatabase(string[] args)
    {
        var configuration = StrongroomApp.AddConfigurationSources(new ConfigurationBuilder(), args).Build();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var server = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var dataDirectory = Path.GetFullPath(server.DataDirectory);
        if (!database.IsPostgres && !File.Exists(Path.Combine(dataDirectory, "strongroom.db")))
        {
            throw new CliException($"There is no database in {dataDirectory}: run this where 'serve' runs, or give --data DIR or --database CONNECTION.");
        }
    }
}
