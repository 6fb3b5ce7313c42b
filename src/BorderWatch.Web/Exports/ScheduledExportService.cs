using BorderWatch.Data.Exports;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Startup;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Exports;

/// <summary>
/// Runs <see cref="DailyExportJob"/> every day at <c>Exports:ScheduleTime</c> in <c>Exports:ScheduleTimeZone</c>, for
/// the day before. A server that was down at that time catches up with the most recent day when it starts.
/// </summary>
public sealed class ScheduledExportService(
    DailyExportJob job,
    ExportRunRepository runs,
    StartupState startup,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ScheduledExportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!startup.IsReady)
        {
            // Real time, not the schedule's clock: this only waits for the database to be ready.
            await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
        }

        await runs.MarkInterruptedAsync(time.GetUtcNow(), stoppingToken);
        var settings = options.Value;
        if (!settings.ScheduleEnabled)
        {
            return;
        }

        var (at, zone) = (settings.Time, settings.TimeZone);
        logger.LogInformation("Daily export scheduled at {Time} {Zone} into {Directory}", settings.ScheduleTime, settings.ScheduleTimeZone, settings.Directory);
        try
        {
            await RunIfMissingAsync(ExportSchedule.LastRun(time.GetUtcNow(), at, zone), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = ExportSchedule.NextRun(time.GetUtcNow(), at, zone);
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await RunIfMissingAsync(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunIfMissingAsync(DateTimeOffset run, CancellationToken stoppingToken)
    {
        var date = ExportSchedule.DateFor(run, options.Value.TimeZone);
        if (!await runs.HasSucceededAsync(date, stoppingToken))
        {
            await job.RunAsync(date, DailyExportJob.ScheduleTrigger, stoppingToken);
        }
    }
}
