using BorderWatch.Data;

namespace BorderWatch.Web.Startup;

/// <summary>
/// Keeps the SQLite planner's statistics current as readings pile up, so queries keep using the indexes made for
/// them (see <see cref="SqliteDatabase.OptimizeAsync"/>). Hourly; sampled, so it costs milliseconds.
/// </summary>
public sealed class DatabaseMaintenance(SqliteDatabase database, TimeProvider time, ILogger<DatabaseMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await database.OptimizeAsync(stoppingToken);
                }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    logger.LogWarning(ex, "Refreshing the database statistics failed; will try again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
