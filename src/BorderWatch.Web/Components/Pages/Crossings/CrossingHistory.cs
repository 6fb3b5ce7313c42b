using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.History;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Components.Controls.Charts;
using BorderWatch.Web.Replay;

namespace BorderWatch.Web.Components.Pages.Crossings;

/// <summary>How far back the crossing chart looks.</summary>
public enum HistoryRange
{
    Day,
    Week,
    Month,
}

/// <summary>What the crossing chart shows for one period and quantity.</summary>
public sealed record CrossingHistoryView(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ChartBandPoint> Band,
    string BandName,
    int ReadingCount,
    string? Note);

/// <summary>
/// Builds the crossing chart: readings as points per direction, the fused estimate over time as lines (the same
/// fusion as the live estimate, recomputed along the period), and the "today vs typical" band.
/// </summary>
public static class CrossingHistory
{
    /// <summary>Earlier weeks the typical band looks at.</summary>
    public const int TypicalWeeks = 8;

    /// <summary>The most readings drawn; denser periods show the newest ones and say so.</summary>
    public const int MaxReadings = 5000;

    /// <summary>Points along the period where the estimate is recomputed for its line.</summary>
    public const int EstimateSamples = 160;

    public static TimeSpan Length(HistoryRange range) => range switch
    {
        HistoryRange.Day => TimeSpan.FromDays(1),
        HistoryRange.Week => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(30),
    };

    /// <summary>
    /// The period shown: up to now, or, when the newest reading is older than the range, up to that reading, so an
    /// archive (the September 2022 demo) still shows its last days.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To, bool Shifted) Period(HistoryRange range, DateTimeOffset now, DateTimeOffset? newest)
    {
        var length = Length(range);
        if (newest is { } n && n < now - length)
        {
            var end = new DateTimeOffset(n.UtcTicks - (n.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
            return (end - length, end, true);
        }

        return (now - length, now, false);
    }

    public static async Task<CrossingHistoryView> LoadAsync(
        Crossing crossing, HistoryRange range, QueueQuantity quantity, DateTimeOffset now, DateTimeOffset? newest,
        ReadingRepository readings, ReadingHistoryRepository history, FusionOptions fusion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(fusion);
        var (from, to, shifted) = Period(range, now, newest);
        var list = await readings.ListAsync(crossing.Slug, from - fusion.Window, to, MaxReadings, cancellationToken);
        var hourly = await history.GetHourlyMeansAsync(crossing.Slug, from - TimeSpan.FromDays(7 * TypicalWeeks), to, cancellationToken);
        var view = Build(crossing, from, to, quantity, list, hourly, fusion);
        var notes = new List<string>();
        if (shifted)
        {
            notes.Add($"No readings in the last {Length(range).TotalDays:0} day(s); showing the period up to the newest reading.");
        }

        if (list.Count >= MaxReadings)
        {
            notes.Add($"Only the newest {MaxReadings:N0} readings are drawn.");
        }

        if (view.Note is not null)
        {
            notes.Add(view.Note);
        }

        return view with { Note = notes.Count == 0 ? null : string.Join(" ", notes) };
    }

    /// <summary>The chart for readings already loaded (any order; pending, rejected and old versions are left out).</summary>
    public static CrossingHistoryView Build(
        Crossing crossing, DateTimeOffset from, DateTimeOffset to, QueueQuantity quantity,
        IReadOnlyList<Reading> readings, IReadOnlyList<HourlyMean> hourly, FusionOptions fusion)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(hourly);
        ArgumentNullException.ThrowIfNull(fusion);
        var accepted = readings.Where(r => r.Status == ReadingStatus.Accepted && r.IsCurrentVersion).ToList();
        var shown = accepted.Where(r => r.ObservedAt >= from && r.ObservedAt <= to).ToList();
        var timeline = ReplayTimeline.FromReadings(accepted, from, to, fusion);
        var samples = Enumerable.Range(0, EstimateSamples + 1)
            .Select(i => from + ((to - from) * i / EstimateSamples))
            .Select(t => (At: t, Estimate: timeline.EstimateAt(crossing, t)))
            .ToList();

        var directions = shown.Select(r => r.Direction)
            .Concat(samples.SelectMany(s => DirectionValues(s.Estimate).Select(d => d.Direction)))
            .Distinct()
            .OrderBy(d => d)
            .ToList();
        var series = new List<ChartSeries>();
        foreach (var direction in directions)
        {
            var points = shown.Where(r => r.Direction == direction)
                .Select(r => QueueQuantities.Value(crossing, quantity, r.QueueKm, r.Vehicles, r.WaitHours) is { } value
                    ? new ChartPoint(r.ObservedAt, value, Note(r, quantity, value))
                    : null)
                .OfType<ChartPoint>()
                .OrderBy(p => p.At)
                .ToList();
            var line = samples.Select(s =>
            {
                var matches = s.Estimate.IsStale ? [] : DirectionValues(s.Estimate).Where(d => d.Direction == direction).Take(1).ToList();
                var value = matches.Count == 0 ? null : QueueQuantities.Value(crossing, quantity, matches[0].QueueKm, matches[0].Vehicles, matches[0].WaitHours);
                return new ChartPoint(s.At, value ?? double.NaN);
            }).ToList();
            if (points.Count > 0 || line.Any(p => !double.IsNaN(p.Value)))
            {
                series.Add(new ChartSeries(DirectionName(crossing, direction), $"bw-series-{direction.Name()}", points, line));
            }
        }

        var (band, bandDirection) = TypicalBand(crossing, quantity, hourly, from, to);
        var bandName = $"typical for the weekday and hour ({(bandDirection == Direction.Unknown ? "" : bandDirection.Name() + ", ")}previous {TypicalWeeks} weeks, middle half)";
        var note = band.Count > 1 ? null : $"No typical band yet: it needs readings at the same weekday and hour in at least {TypicalWeek.MinimumWeeks} earlier weeks.";
        return new CrossingHistoryView(from, to, series, band, bandName, shown.Count, note);
    }

    private static (IReadOnlyList<ChartBandPoint> Band, Direction Direction) TypicalBand(
        Crossing crossing, QueueQuantity quantity, IReadOnlyList<HourlyMean> hourly, DateTimeOffset from, DateTimeOffset to)
    {
        // The busiest known direction (readings without one are counted with it, as fusion does).
        var main = hourly.Where(h => h.Direction != Direction.Unknown)
            .GroupBy(h => h.Direction)
            .OrderByDescending(g => g.Sum(h => h.Count))
            .Select(g => g.Key)
            .FirstOrDefault(Direction.Unknown);
        var values = hourly
            .Where(h => h.Direction == main || h.Direction == Direction.Unknown)
            .Select(h => (h.HourStart, h.Count, Value: QueueQuantities.Value(crossing, quantity, h.QueueKm, h.Vehicles, h.WaitHours)))
            .Where(h => h.Value is not null)
            .GroupBy(h => h.HourStart)
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Value!.Value * h.Count) / g.Sum(h => h.Count));
        var zone = Zone(crossing);
        var band = TypicalWeek.Band(values, zone, from, to, TypicalWeeks)
            .Select(h => new ChartBandPoint(h.HourStart.AddMinutes(30), h.Low, h.Median, h.High))
            .ToList();
        return (band, main);
    }

    public static TimeZoneInfo Zone(Crossing crossing)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        return TimeZoneInfo.TryFindSystemTimeZoneById(crossing.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static string DirectionName(Crossing crossing, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        return direction switch
        {
            Direction.Outbound => $"outbound {crossing.Countries[0]} → {crossing.Countries[1]}",
            Direction.Inbound => $"inbound {crossing.Countries[1]} → {crossing.Countries[0]}",
            _ => "direction not given",
        };
    }

    private static IEnumerable<(Direction Direction, double? QueueKm, double? Vehicles, double? WaitHours)> DirectionValues(CrossingEstimate estimate)
    {
        if (!estimate.HasData)
        {
            return [];
        }

        return estimate.Directions.Count > 0
            ? estimate.Directions.Select(d => (d.Direction, d.QueueKm, d.Vehicles, d.WaitHours))
            : [(estimate.Direction, estimate.QueueKm, estimate.Vehicles, estimate.WaitHours)];
    }

    private static string Note(Reading reading, QueueQuantity quantity, double value)
    {
        var reported = QueueQuantities.IsReported(quantity, reading.QueueKm, reading.Vehicles, reading.WaitHours);
        return $"{Format.Utc(reading.ObservedAt)}: {FormatValue(quantity, value)}{(reported ? "" : " (derived)")} · {reading.Source.SourceType ?? reading.Kind.Name()} · confidence {Format.Confidence(reading.Confidence)}";
    }

    public static string FormatValue(QueueQuantity quantity, double value) => quantity switch
    {
        QueueQuantity.QueueKm => Format.Km(value),
        QueueQuantity.Vehicles => Format.Vehicles(value),
        _ => Format.Hours(value),
    };
}
