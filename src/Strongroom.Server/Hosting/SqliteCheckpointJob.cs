using Strongroom.Data;

namespace Strongroom.Server.Hosting;

/// <summary>Runs the <see cref="SqliteWalCheckpointer"/> while the server runs, when the database is SQLite.</summary>
internal sealed class SqliteCheckpointJob(IServiceProvider services) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<SqliteWalCheckpointer>() is { } checkpointer)
        {
            await checkpointer.Start(stoppingToken).ConfigureAwait(false);
        }
    }
}
