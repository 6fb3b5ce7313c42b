using BorderWatch.Core.Summaries;

namespace BorderWatch.Web.Exports;

/// <summary>When the daily export runs, and which day it exports (the day before the run, in the schedule's zone).</summary>
public static class ExportSchedule
{
    /// <summary>The first run strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset after, TimeOnly at, TimeZoneInfo zone)
    {
        var today = LocalDays.DateOf(after, zone);
        var run = At(today, at, zone);
        return run > after ? run : At(today.AddDays(1), at, zone);
    }

    /// <summary>The newest run at or before <paramref name="now"/>: the one a server that was down may have missed.</summary>
    public static DateTimeOffset LastRun(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        var today = LocalDays.DateOf(now, zone);
        var run = At(today, at, zone);
        return run <= now ? run : At(today.AddDays(-1), at, zone);
    }

    /// <summary>The day a run exports: yesterday, seen from the run.</summary>
    public static DateOnly DateFor(DateTimeOffset run, TimeZoneInfo zone) => LocalDays.DateOf(run, zone).AddDays(-1);

    private static DateTimeOffset At(DateOnly date, TimeOnly at, TimeZoneInfo zone) => LocalDays.ToInstant(date.ToDateTime(at), zone);
}
