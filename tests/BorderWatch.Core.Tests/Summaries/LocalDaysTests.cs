using BorderWatch.Core.Summaries;

namespace BorderWatch.Core.Tests.Summaries;

public class LocalDaysTests
{
    private static TimeZoneInfo Zone(string id) => LocalDays.FindZone(id) ?? throw new InvalidOperationException($"tz database lacks {id}");

    [Fact]
    public void Get_HelsinkiSpringForward_Is23HoursFromLocalMidnight()
    {
        var day = LocalDays.Get(new DateOnly(2022, 3, 27), Zone("Europe/Helsinki"));

        Assert.Equal(DateTimeOffset.Parse("2022-03-26T22:00:00Z"), day.Start);
        Assert.Equal(DateTimeOffset.Parse("2022-03-27T21:00:00Z"), day.End);
        Assert.Equal(TimeSpan.FromHours(23), day.Length);
    }

    [Fact]
    public void Get_HelsinkiFallBack_Is25Hours()
    {
        var day = LocalDays.Get(new DateOnly(2022, 10, 30), Zone("Europe/Helsinki"));

        Assert.Equal(DateTimeOffset.Parse("2022-10-29T21:00:00Z"), day.Start);
        Assert.Equal(TimeSpan.FromHours(25), day.Length);
    }

    [Fact]
    public void Get_Moscow2014OffsetChange_Is25HoursLong()
    {
        // Russia moved Moscow from UTC+4 to UTC+3 at 02:00 on 26 October 2014.
        var day = LocalDays.Get(new DateOnly(2014, 10, 26), Zone("Europe/Moscow"));

        Assert.Equal(DateTimeOffset.Parse("2014-10-25T20:00:00Z"), day.Start);
        Assert.Equal(TimeSpan.FromHours(25), day.Length);
    }

    [Fact]
    public void Get_HavanaClocksSkipMidnight_DayStartsAtTheJump()
    {
        // Cuba starts daylight saving at 00:00 → 01:00: local midnight of 13 March 2022 never happened.
        var day = LocalDays.Get(new DateOnly(2022, 3, 13), Zone("America/Havana"));

        Assert.Equal(DateTimeOffset.Parse("2022-03-13T05:00:00Z"), day.Start);
        Assert.Equal(TimeSpan.FromHours(23), day.Length);
    }

    [Fact]
    public void DateOf_TbilisiLateUtcEvening_IsNextLocalDay()
    {
        Assert.Equal(new DateOnly(2022, 9, 25), LocalDays.DateOf(DateTimeOffset.Parse("2022-09-24T21:30:00Z"), Zone("Asia/Tbilisi")));
        Assert.Equal(new DateOnly(2022, 9, 24), LocalDays.DateOf(DateTimeOffset.Parse("2022-09-24T19:59:59Z"), Zone("Asia/Tbilisi")));
    }

    [Fact]
    public void Range_AcrossDaylightSaving_DaysAreContiguous()
    {
        var days = LocalDays.Range(new DateOnly(2022, 3, 20), new DateOnly(2022, 11, 5), Zone("Europe/Warsaw")).ToList();

        Assert.Equal(231, days.Count);
        Assert.All(days.Zip(days.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Single(days, d => d.Length == TimeSpan.FromHours(23));
        Assert.Single(days, d => d.Length == TimeSpan.FromHours(25));
    }

    [Fact]
    public void EveryGazetteerZone_IsKnownToTheTzDatabase()
    {
        Assert.All(BorderWatch.Core.Crossings.Gazetteer.Default.Crossings, c => Assert.NotNull(LocalDays.FindZone(c.TimeZone)));
    }
}
