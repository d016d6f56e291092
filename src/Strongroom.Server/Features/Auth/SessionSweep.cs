using Microsoft.EntityFrameworkCore;
using Strongroom.Data;

namespace Strongroom.Server.Features.Auth;

/// <summary>
/// Keeps the sessions table to what can still be used: expired sessions are deleted every
/// <see cref="Interval"/>, and a user holds at most <see cref="MaxPerUser"/> (a new sign-in ends the oldest),
/// so neither time nor a script signing in in a loop grows it without bound.
/// </summary>
public sealed partial class SessionSweep(IServiceScopeFactory scopes, TimeProvider time, ILogger<SessionSweep> logger) : BackgroundService
{
    public const int MaxPerUser = 20;
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Before a new session of <paramref name="userId"/>: ends its expired ones and the oldest beyond the limit.</summary>
    public static async Task MakeRoomAsync(StrongroomDb db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Sessions.Where(s => s.UserId == userId && s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var beyond = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt).Skip(MaxPerUser - 1).Select(s => s.Hash)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (beyond.Count > 0)
        {
            await db.Sessions.Where(s => beyond.Contains(s.Hash)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every expired session; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrongroomDb>();
        var now = time.GetUtcNow();
        return await db.Sessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired sessions failed; it is tried again within the hour")]
    private partial void LogSweepFailed(Exception exception);
}
