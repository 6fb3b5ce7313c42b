using BorderWatch.Core.History;

namespace BorderWatch.Core.Tests.History;

public sealed class TypicalWeekTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    [Fact]
    public void Band_ThreeEarlierWeeks_QuartilesOfTheSameLocalHour()
    {
        // Wednesday 12 October 2022, 09:00 UTC = 12:00 in Helsinki (summer time).
        var hour = new DateTimeOffset(2022, 10, 12, 9, 0, 0, TimeSpan.Zero);
        var hourly = new Dictionary<DateTimeOffset, double>
        {
            [hour.AddDays(-7)] = 10,
            [hour.AddDays(-14)] = 30,
            [hour.AddDays(-21)] = 20,
            [hour.AddDays(-7).AddHours(1)] = 999, // another hour: not counted
        };

        var band = TypicalWeek.Band(hourly, Helsinki, hour, hour.AddHours(1), weeks: 8);

        var typical = Assert.Single(band);
        Assert.Equal(hour, typical.HourStart);
        Assert.Equal(3, typical.Weeks);
        Assert.Equal(15, typical.Low, 9);
        Assert.Equal(20, typical.Median, 9);
        Assert.Equal(25, typical.High, 9);
    }

    [Fact]
    public void Band_AcrossDaylightSavingChange_ComparesTheSameLocalHour()
    {
        // Monday 31 October 2022, 10:00 UTC = 12:00 in Helsinki (winter time, UTC+2). A week earlier 12:00 was 09:00 UTC.
        var hour = new DateTimeOffset(2022, 10, 31, 10, 0, 0, TimeSpan.Zero);
        var hourly = new Dictionary<DateTimeOffset, double>
        {
            [new DateTimeOffset(2022, 10, 24, 9, 0, 0, TimeSpan.Zero)] = 40,
            [new DateTimeOffset(2022, 10, 17, 9, 0, 0, TimeSpan.Zero)] = 60,
            [new DateTimeOffset(2022, 10, 24, 10, 0, 0, TimeSpan.Zero)] = 1000, // 13:00 local: the wrong hour
        };

        var typical = Assert.Single(TypicalWeek.Band(hourly, Helsinki, hour, hour.AddHours(1), weeks: 4));

        Assert.Equal(50, typical.Median, 9);
    }

    [Fact]
    public void Band_OneEarlierWeek_NoBand()
    {
        var hour = new DateTimeOffset(2022, 10, 12, 9, 0, 0, TimeSpan.Zero);
        var hourly = new Dictionary<DateTimeOffset, double> { [hour.AddDays(-7)] = 10, [hour] = 50 };

        Assert.Empty(TypicalWeek.Band(hourly, Helsinki, hour, hour.AddHours(1), weeks: 8));
    }

    [Fact]
    public void Band_WeeksBeyondTheLookBack_AreIgnored()
    {
        var hour = new DateTimeOffset(2022, 10, 12, 9, 0, 0, TimeSpan.Zero);
        var hourly = new Dictionary<DateTimeOffset, double> { [hour.AddDays(-7)] = 10, [hour.AddDays(-21)] = 50 };

        Assert.Empty(TypicalWeek.Band(hourly, Helsinki, hour, hour.AddHours(1), weeks: 2));
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.5, 2.5)]
    [InlineData(1.0, 4)]
    [InlineData(0.25, 1.75)]
    public void Quantile_SortedValues_Interpolates(double q, double expected) =>
        Assert.Equal(expected, TypicalWeek.Quantile([1, 2, 3, 4], q), 9);
}
