using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;

namespace BorderWatch.Web.Replay;

/// <summary>
/// The readings of a past period, held so that the estimate of any crossing at any moment of it can be recomputed
/// with the same fusion as the live estimates: what the map would have shown then (with today's corrections).
/// </summary>
public sealed class ReplayTimeline
{
    /// <summary>The most readings one replay holds (about 200 bytes each); longer periods must be shortened.</summary>
    public const int MaxReadings = 150_000;

    private readonly Dictionary<string, Reading[]> _byCrossing;
    private readonly FusionOptions _fusion;

    private ReplayTimeline(Dictionary<string, Reading[]> byCrossing, DateTimeOffset from, DateTimeOffset to, FusionOptions fusion, bool truncated)
    {
        _byCrossing = byCrossing;
        _fusion = fusion;
        From = from;
        To = to;
        Truncated = truncated;
    }

    public DateTimeOffset From { get; }
    public DateTimeOffset To { get; }

    /// <summary>True when the period held more than <see cref="MaxReadings"/>; the replay stops where they ran out.</summary>
    public bool Truncated { get; }

    public int ReadingCount => _byCrossing.Values.Sum(r => r.Length);

    /// <summary>Loads the period, plus the fusion window before it so the first moment has its estimate too.</summary>
    public static async Task<ReplayTimeline> LoadAsync(ReadingHistoryRepository history, DateTimeOffset from, DateTimeOffset to, FusionOptions fusion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(fusion);
        if (to <= from)
        {
            throw new ArgumentException("The replay must end after it starts.", nameof(to));
        }

        var readings = await history.ListAcceptedAsync(from - fusion.Window, to, MaxReadings + 1, cancellationToken);
        var truncated = readings.Count > MaxReadings;
        var byCrossing = readings.Take(MaxReadings)
            .GroupBy(r => r.Crossing, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return new ReplayTimeline(byCrossing, from, to, fusion, truncated);
    }

    /// <summary>Creates a timeline from readings already in memory (oldest first per crossing is not required).</summary>
    public static ReplayTimeline FromReadings(IEnumerable<Reading> readings, DateTimeOffset from, DateTimeOffset to, FusionOptions fusion) =>
        new(readings.GroupBy(r => r.Crossing, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.ObservedAt).ThenBy(r => r.Id).ToArray(), StringComparer.Ordinal),
            from, to, fusion, truncated: false);

    /// <summary>The estimate of <paramref name="crossing"/> as fusion would have made it at <paramref name="at"/>.</summary>
    public CrossingEstimate EstimateAt(Crossing crossing, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        if (!_byCrossing.TryGetValue(crossing.Slug, out var readings))
        {
            return CrossingEstimate.Empty(crossing.Slug, at);
        }

        // Readings observed by then, back to the fusion window before the newest of them: exactly fusion's input.
        var end = UpperBound(readings, at);
        if (end == 0)
        {
            return CrossingEstimate.Empty(crossing.Slug, at);
        }

        var start = UpperBound(readings, readings[end - 1].ObservedAt - _fusion.Window);
        return EstimateFusion.Fuse(crossing, new ArraySegment<Reading>(readings, start, end - start), at, _fusion);
    }

    /// <summary>Index of the first reading observed after <paramref name="time"/>.</summary>
    private static int UpperBound(Reading[] readings, DateTimeOffset time)
    {
        int low = 0, high = readings.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (readings[middle].ObservedAt <= time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
