using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Estimates;

/// <summary>
/// Fusion v1: the current queue at a crossing as a recency- and confidence-weighted mean of accepted readings.
/// </summary>
/// <remarks>
/// Each reading weighs <c>confidence × sourceWeight × 0.5^(age / RecencyHalfLife)</c>, age counted back from the
/// newest reading of its direction. Each quantity is the weighted mean of the readings that report it; a quantity
/// nobody reported is derived from the others: vehicles = km × 1000 / spacing, km = vehicles × spacing / 1000,
/// and waiting hours by Little's law, W = L / λ (vehicles in the queue over vehicles processed per hour).
/// See docs/estimates.md for the worked example that the unit tests check.
/// </remarks>
public static class EstimateFusion
{
    public const string MethodVersion = "fusion-v1";

    public static CrossingEstimate Fuse(Crossing crossing, IEnumerable<Reading> readings, DateTimeOffset now, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(readings);
        options ??= FusionOptions.Default;

        var eligible = readings
            .Where(r => r.Status == ReadingStatus.Accepted && r.IsCurrentVersion && r.ObservedAt <= now && r.Crossing == crossing.Slug)
            .ToList();
        if (eligible.Count == 0)
        {
            return CrossingEstimate.Empty(crossing.Slug, now);
        }

        var anchor = eligible.Max(r => r.ObservedAt);
        var inWindow = eligible.Where(r => r.ObservedAt > anchor - options.Window).ToList();

        var groups = GroupByDirection(inWindow, options);
        var fused = groups
            .Select(g => FuseGroup(crossing, g.Key, g.Value, now, options))
            .OrderByDescending(f => f.Vehicles ?? 0)
            .ThenByDescending(f => f.AsOf)
            .ToList();
        var head = fused[0];
        var headReadings = groups[head.Direction];

        var trend = Trend.Unknown;
        var lookbackEnd = head.AsOf - options.TrendLookback;
        var earlier = headReadings.Where(r => r.ObservedAt <= lookbackEnd).ToList();
        if (earlier.Count > 0 && head.Vehicles is { } current)
        {
            var previous = FuseGroup(crossing, head.Direction, earlier, now, options).Vehicles ?? 0;
            var change = (current - previous) / Math.Max(previous, 1);
            trend = change > options.TrendThreshold ? Trend.Rising
                : change < -options.TrendThreshold ? Trend.Falling
                : Trend.Steady;
        }

        return new CrossingEstimate
        {
            Crossing = crossing.Slug,
            ComputedAt = now,
            AsOf = head.AsOf,
            Direction = head.Direction,
            QueueKm = head.QueueKm,
            Vehicles = head.Vehicles,
            WaitHours = head.WaitHours,
            Derived = head.Derived,
            Confidence = head.Confidence,
            Trend = trend,
            IsStale = now - head.AsOf > options.StaleAfter,
            IsDemo = headReadings.Any(r => r.IsDemo),
            ReadingIds = head.ReadingIds,
            Directions = fused.Count > 1
                ? [.. fused.Select(f => new DirectionEstimate(f.Direction, f.QueueKm, f.Vehicles, f.WaitHours, f.Confidence, f.AsOf, f.ReadingIds))]
                : [],
        };
    }

    /// <summary>
    /// Splits readings by direction. Readings of unknown direction join the known direction with the most weight,
    /// since a report that names no direction almost always describes the queue everyone is talking about.
    /// </summary>
    private static Dictionary<Direction, List<Reading>> GroupByDirection(List<Reading> readings, FusionOptions options)
    {
        var groups = readings.GroupBy(r => r.Direction).ToDictionary(g => g.Key, g => g.ToList());
        if (groups.Count > 1 && groups.Remove(Direction.Unknown, out var unknown))
        {
            var heaviest = groups.MaxBy(g => g.Value.Sum(r => r.Confidence * options.SourceWeight(r))).Key;
            groups[heaviest].AddRange(unknown);
        }

        return groups;
    }

    private static GroupFusion FuseGroup(Crossing crossing, Direction direction, List<Reading> readings, DateTimeOffset now, FusionOptions options)
    {
        var asOf = readings.Max(r => r.ObservedAt);
        var weighted = readings
            .Select(r => (Reading: r, Weight: r.Confidence * options.SourceWeight(r) * HalfLifeFactor(asOf - r.ObservedAt, options.RecencyHalfLife)))
            .ToList();

        double? Mean(Func<Reading, double?> value)
        {
            double sum = 0, weights = 0;
            foreach (var (reading, weight) in weighted)
            {
                if (value(reading) is { } v)
                {
                    sum += weight * v;
                    weights += weight;
                }
            }

            // Readings with zero weight (confidence 0) still say the quantity was reported; fall back to a plain mean.
            if (weights <= 0)
            {
                var reported = weighted.Select(w => value(w.Reading)).OfType<double>().ToList();
                return reported.Count > 0 ? reported.Average() : null;
            }

            return sum / weights;
        }

        var km = Mean(r => r.QueueKm);
        var vehicles = Mean(r => r.Vehicles);
        var wait = Mean(r => r.WaitHours);
        var derived = new List<string>(2);

        if (vehicles is null && km is { } k)
        {
            vehicles = k * 1000 / crossing.VehicleSpacingM;
            derived.Add("vehicles");
        }

        if (vehicles is null && wait is { } w)
        {
            vehicles = w * crossing.ProcessingRatePerHour;
            derived.Add("vehicles");
        }

        if (km is null && vehicles is { } v)
        {
            km = v * crossing.VehicleSpacingM / 1000;
            derived.Add("queueKm");
        }

        if (wait is null && vehicles is { } queued)
        {
            wait = queued / crossing.ProcessingRatePerHour;
            derived.Add("waitHours");
        }

        var doubt = 1.0;
        foreach (var (_, weight) in weighted)
        {
            doubt *= 1 - Math.Clamp(weight, 0, 1);
        }

        var confidence = (1 - doubt) * HalfLifeFactor(now - asOf, options.FreshnessHalfLife);

        return new GroupFusion(
            direction,
            km,
            vehicles,
            wait,
            derived,
            Math.Clamp(confidence, 0, 1),
            asOf,
            [.. readings.OrderByDescending(r => r.ObservedAt).ThenByDescending(r => r.Id).Select(r => r.Id)]);
    }

    private static double HalfLifeFactor(TimeSpan age, TimeSpan halfLife) =>
        age <= TimeSpan.Zero ? 1 : Math.Pow(0.5, age / halfLife);

    private sealed record GroupFusion(
        Direction Direction,
        double? QueueKm,
        double? Vehicles,
        double? WaitHours,
        IReadOnlyList<string> Derived,
        double Confidence,
        DateTimeOffset AsOf,
        IReadOnlyList<long> ReadingIds);
}
