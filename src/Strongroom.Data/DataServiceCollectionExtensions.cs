using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strongroom.Core.Audit;
using Strongroom.Core.Tokens;
using Strongroom.Data.Audit;
using Strongroom.Data.Tokens;

namespace Strongroom.Data;

/// <summary>Registers the database and the stores over it.</summary>
public static class DataServiceCollectionExtensions
{
    /// <param name="postgresConnectionString">PostgreSQL when set; otherwise SQLite at <paramref name="sqlitePath"/>.</param>
    /// <param name="sqliteSynchronous">SQLite's durability setting (see <see cref="DatabaseOptions.SqliteSynchronous"/>).</param>
    public static IServiceCollection AddStrongroomData(this IServiceCollection services, string? postgresConnectionString, string sqlitePath,
        SqliteSynchronous sqliteSynchronous = SqliteSynchronous.Full)
    {
        if (!string.IsNullOrWhiteSpace(postgresConnectionString))
        {
            services.AddDbContextPool<StrongroomDb, PostgresStrongroomDb>(o => o
                .UseNpgsql(postgresConnectionString)
                .ConfigureWarnings(QuietEvents)
                .AddInterceptors(AuditCommitInterceptor.Instance));
            services.AddSingleton(_ => new PostgresTokenLookup(postgresConnectionString));
        }
        else
        {
            // Pooling=False would cost an open per request; the default pool keeps the file handle warm. No
            // "Foreign Keys=True": Microsoft.Data.Sqlite would send PRAGMA foreign_keys on every open of a pooled
            // connection, and the bundled SQLite has them on by default (MigrateAsync checks it once at start).
            // One write gate per database: the pooled options, and so the gate, are built once per application.
            var gate = new SqliteWriteGate();
            services.AddSingleton(gate);
            services.AddSingleton(s => new SqliteGroupCommit(sqlitePath, s.GetRequiredService<ILogger<SqliteGroupCommit>>()));
            services.AddDbContextPool<StrongroomDb, SqliteStrongroomDb>((s, o) =>
            {
                // The group commit after the gate: a commit waits for its fsync with the gate already let go.
                o.UseSqlite($"Data Source={sqlitePath}").ConfigureWarnings(QuietEvents)
                    .AddInterceptors(AuditCommitInterceptor.Instance, gate, new SqliteConnectionSettings());
                if (sqliteSynchronous == SqliteSynchronous.Full)
                {
                    o.AddInterceptors(new SqliteGroupCommitInterceptor(s.GetRequiredService<SqliteGroupCommit>()));
                }
            });
            services.AddSingleton(_ => new SqliteTokenLookup($"Data Source={sqlitePath}"));
            services.AddSingleton(s => new SqliteWalCheckpointer($"Data Source={sqlitePath}", s.GetRequiredService<ILogger<SqliteWalCheckpointer>>()));
        }

        services.AddScoped<ITokenStore>(s => new EfTokenStore(s.GetRequiredService<StrongroomDb>, s.GetService<SqliteTokenLookup>(), s.GetService<PostgresTokenLookup>()));
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<AuditChainStore>();
        services.AddSingleton<AuditSealer>();
        services.AddSingleton<AuditAppender>();
        services.AddScoped<Strongroom.Core.Sessions.ISessionStore, Sessions.EfSessionStore>();
        services.AddScoped<Strongroom.Core.Notifications.INotificationOutbox, Notifications.EfNotificationOutbox>();
        services.AddScoped<Strongroom.Core.Webhooks.IWebhookStore, Webhooks.EfWebhookStore>();
        return services;
    }

    /// <summary>
    /// What an operator does not act on is logged at Debug. Migration progress: at the default level a start
    /// prints only what its operator acts on; failures still come as exceptions and errors.
    /// </summary>
    /// <remarks>
    /// And EF Core's own reports of a failed command or save, which it writes at Error with the exception's
    /// stack before the caller sees it: most are answered (a writer that lost a race for a new key gets a 409, or
    /// wins on a retry), and one that is not is logged where it surfaces, by the request's exception handler or
    /// the background job, once, without the noise.
    /// </remarks>
    private static void QuietEvents(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) => warnings.Log(
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.MigrateUsingConnection, Microsoft.Extensions.Logging.LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.AcquiringMigrationLock, Microsoft.Extensions.Logging.LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.MigrationApplying, Microsoft.Extensions.Logging.LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.MigrationsNotApplied, Microsoft.Extensions.Logging.LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug));

    /// <summary>Applies pending migrations (EF Core takes a lock, so several nodes may start at once).</summary>
    public static async Task MigrateAsync(this StrongroomDb db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db is SqliteStrongroomDb)
        {
            // WAL lets readers proceed during a write; the setting is persistent in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            var foreignKeys = await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys").SingleAsync(cancellationToken).ConfigureAwait(false);
            if (foreignKeys != 1)
            {
                throw new InvalidOperationException("This SQLite library does not enforce foreign keys by default; Strongroom needs the bundled one (SQLitePCLRaw e_sqlite3).");
            }
        }

        await SealUnchainedAuditRowsAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Chains, once, the rows of a database from before the chain and its MACs (they carry no MAC: nothing
    /// could have been checked when they were written). Once any row carries a MAC, a row without one is
    /// never sealed: the sealer refuses it and verification reports it.
    /// </summary>
    private static async Task SealUnchainedAuditRowsAsync(StrongroomDb db, CancellationToken cancellationToken)
    {
        // Rows not sealed yet first (indexed): on almost every start there are none, and nothing else is read.
        var unchained = await db.AuditEvents.AsNoTracking().Where(a => a.Seq == null).OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (unchained.Count == 0 || await db.AuditEvents.AnyAsync(a => a.Mac != null, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // False only when another node, starting too, sealed them first.
        await AuditChainWriter.SealAsync(db, unchained.ConvertAll(AuditChainWriter.PendingEvent.Of), stillPending: false, cancellationToken).ConfigureAwait(false);
    }
}
