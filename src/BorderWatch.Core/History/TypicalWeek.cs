namespace BorderWatch.Core.History;

/// <summary>
/// "Today vs typical": for each hour of a period, the spread of the same hour on the same weekday (in the
/// crossing's local time) over the previous weeks.
/// </summary>
public static class TypicalWeek
{
    /// <summary>Fewer earlier weeks than this is not a "typical" value; no band is drawn for that hour.</summary>
    public const int MinimumWeeks = 2;

    /// <summary>
    /// The band for every whole hour starting in [<paramref name="from"/>, <paramref name="to"/>) that has at least
    /// <see cref="MinimumWeeks"/> earlier weeks with a value.
    /// </summary>
    /// <param name="hourly">Values by UTC hour start (whole hours), for the period and the weeks before it.</param>
    /// <param name="zone">The crossing's time zone: "the same hour" is local, across daylight saving changes.</param>
    /// <param name="from">Start of the period shown.</param>
    /// <param name="to">End of the period shown.</param>
    /// <param name="weeks">How many earlier weeks to look at.</param>
    public static IReadOnlyList<TypicalHour> Band(IReadOnlyDictionary<DateTimeOffset, double> hourly, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to, int weeks)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        var band = new List<TypicalHour>();
        var values = new List<double>(weeks);
        for (var hour = FloorHour(from); hour < to; hour = hour.AddHours(1))
        {
            if (hour < from)
            {
                continue;
            }

            values.Clear();
            var local = TimeZoneInfo.ConvertTime(hour, zone).DateTime;
            for (var k = 1; k <= weeks; k++)
            {
                var earlier = FloorHour(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(SafeLocal(local.AddDays(-7 * k), zone), zone)));
                if (hourly.TryGetValue(earlier, out var value))
                {
                    values.Add(value);
                }
            }

            if (values.Count >= MinimumWeeks)
            {
                values.Sort();
                band.Add(new TypicalHour(hour, Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75), values.Count));
            }
        }

        return band;
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var position = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    private static DateTimeOffset FloorHour(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    /// <summary>A local time that does not exist (skipped by a spring-forward) moves an hour later.</summary>
    private static DateTime SafeLocal(DateTime local, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(zone.IsInvalidTime(local) ? local.AddHours(1) : local, DateTimeKind.Unspecified);
}

/// <summary>The typical spread of one hour: lower quartile, median and upper quartile over <see cref="Weeks"/> earlier weeks.</summary>
public sealed record TypicalHour(DateTimeOffset HourStart, double Low, double Median, double High, int Weeks);
