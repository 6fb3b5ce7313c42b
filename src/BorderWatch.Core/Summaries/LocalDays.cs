namespace BorderWatch.Core.Summaries;

/// <summary>One calendar day of a time zone, as the UTC instants it starts and ends at (end exclusive).</summary>
/// <param name="Date">The local calendar date.</param>
/// <param name="Start">The first instant of the day (local midnight, or the clock jump when midnight does not exist).</param>
/// <param name="End">The first instant of the next day.</param>
public readonly record struct LocalDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>23, 24 or 25 hours (other lengths where a zone changed its offset by other amounts).</summary>
    public TimeSpan Length => End - Start;
}

/// <summary>
/// Local calendar days of an IANA time zone, from the system's tz database. Daylight saving days are 23 or 25 hours
/// long, and historical offset changes (Russia 2011 and 2014, for instance) are where the database puts them.
/// </summary>
public static class LocalDays
{
    /// <summary>The day <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static LocalDay Get(DateOnly date, TimeZoneInfo zone) => new(date, StartOf(date, zone), StartOf(date.AddDays(1), zone));

    /// <summary>Every day from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public static IEnumerable<LocalDay> Range(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (last < first)
        {
            yield break;
        }

        var start = StartOf(first, zone);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var end = StartOf(date.AddDays(1), zone);
            yield return new LocalDay(date, start, end);
            start = end;
        }
    }

    /// <summary>The local date, in <paramref name="zone"/>, of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The first instant of a local day.</summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone) =>
        ToInstant(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>
    /// The instant a local clock time happens in a zone. A time the clocks skip (the spring-forward gap) is moved
    /// forward by the length of the gap, as most schedulers do (03:30 becomes 04:30), so a skipped midnight becomes
    /// the jump itself; a time that happens twice (the fall-back hour) maps to its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Read in the offset in force before the gap, the time lands after the jump by as much as it was
            // into the gap (Havana, Beirut and Santiago have jumped over midnight: their days start at the jump).
            return new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-6)));
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence has the larger offset.
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Finds an IANA zone, or null when the system's tz database does not know it.</summary>
    public static TimeZoneInfo? FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
