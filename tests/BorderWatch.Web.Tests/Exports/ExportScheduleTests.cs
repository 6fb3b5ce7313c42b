using BorderWatch.Core.Summaries;
using BorderWatch.Web.Exports;

namespace BorderWatch.Web.Tests.Exports;

public class ExportScheduleTests
{
    private static readonly TimeZoneInfo Helsinki = LocalDays.FindZone("Europe/Helsinki")!;

    [Fact]
    public void NextRun_BeforeTheTime_IsTodayAndExportsYesterday()
    {
        var next = ExportSchedule.NextRun(DateTimeOffset.Parse("2022-09-25T02:59:00Z"), new TimeOnly(6, 0), Helsinki);

        Assert.Equal(DateTimeOffset.Parse("2022-09-25T03:00:00Z"), next);
        Assert.Equal(new DateOnly(2022, 9, 24), ExportSchedule.DateFor(next, Helsinki));
    }

    [Fact]
    public void NextRun_ExactlyAtTheTime_IsTomorrow()
    {
        var next = ExportSchedule.NextRun(DateTimeOffset.Parse("2022-09-25T03:00:00Z"), new TimeOnly(6, 0), Helsinki);

        Assert.Equal(DateTimeOffset.Parse("2022-09-26T03:00:00Z"), next);
    }

    [Fact]
    public void NextRun_TimeSkippedBySpringForward_RunsAnHourLater()
    {
        // 27 Mar 2022: Helsinki clocks go from 03:00 to 04:00, so 03:30 never happens; the run is at 04:30.
        var next = ExportSchedule.NextRun(DateTimeOffset.Parse("2022-03-26T12:00:00Z"), new TimeOnly(3, 30), Helsinki);

        Assert.Equal(DateTimeOffset.Parse("2022-03-27T01:30:00Z"), next);
        Assert.Equal(new DateOnly(2022, 3, 26), ExportSchedule.DateFor(next, Helsinki));
    }

    [Fact]
    public void NextRun_TimeRepeatedByFallBack_RunsOnceAtTheFirst()
    {
        // 30 Oct 2022: 03:00–04:00 happens twice in Helsinki.
        var first = ExportSchedule.NextRun(DateTimeOffset.Parse("2022-10-29T12:00:00Z"), new TimeOnly(3, 30), Helsinki);
        var second = ExportSchedule.NextRun(first, new TimeOnly(3, 30), Helsinki);

        Assert.Equal(DateTimeOffset.Parse("2022-10-30T00:30:00Z"), first);
        Assert.Equal(DateTimeOffset.Parse("2022-10-31T01:30:00Z"), second);
    }

    [Fact]
    public void LastRun_AfterTheTime_IsToday_BeforeIt_IsYesterday()
    {
        Assert.Equal(DateTimeOffset.Parse("2022-09-25T03:00:00Z"), ExportSchedule.LastRun(DateTimeOffset.Parse("2022-09-25T03:00:00Z"), new TimeOnly(6, 0), Helsinki));
        Assert.Equal(DateTimeOffset.Parse("2022-09-24T03:00:00Z"), ExportSchedule.LastRun(DateTimeOffset.Parse("2022-09-25T02:59:59Z"), new TimeOnly(6, 0), Helsinki));
    }
}
