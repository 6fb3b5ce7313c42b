using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Estimates;

/// <summary>
/// Fusion v2: the current queue at a crossing as a recency- and confidence-weighted mean of accepted readings, after
/// setting aside readings that disagree wildly with better-supported ones.
/// </summary>
/// <remarks>
/// Each reading weighs <c>confidence × sourceWeight × 0.5^(age / RecencyHalfLife)</c>, age counted back from the
/// newest reading of its direction. For each quantity, readings more than <see cref="FusionOptions.OutlierRatio"/>
/// times away from the weighted median are set aside when the agreeing readings weigh more; the quantity is the
/// weighted mean of the rest. A quantity
/// nobody reported is derived from the others: vehicles = km × 1000 / spacing, km = vehicles × spacing / 1000,
/// and waiting hours by Little's law, W = L / λ (vehicles in the queue over vehicles processed per hour).
/// See docs/estimates.md for the worked example that the unit tests check.
/// </remarks>
public static class EstimateFusion
{
    public const string MethodVersion = "fusion-v2";

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
            SetAside = head.SetAside,
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

        var setAside = new List<long>();
        double? Mean(Func<Reading, double?> value, double tolerance)
        {
            var aside = OutliersOf(weighted, value, tolerance, options.OutlierRatio);
            setAside.AddRange(aside);
            double sum = 0, weights = 0;
            foreach (var (reading, weight) in weighted)
            {
                if (value(reading) is { } v && !aside.Contains(reading.Id))
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

        // The tolerances keep small queues comparable: 0 km and 200 m, or 10 and 40 cars, are not a wild disagreement.
        var km = Mean(r => r.QueueKm, 0.25);
        var vehicles = Mean(r => r.Vehicles, 35);
        var wait = Mean(r => r.WaitHours, 0.25);
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
            [.. readings.OrderByDescending(r => r.ObservedAt).ThenByDescending(r => r.Id).Select(r => r.Id)],
            [.. setAside.Distinct()]);
    }

    /// <summary>
    /// Readings of a quantity more than <paramref name="ratio"/> times away from the weighted median (on values shifted
    /// by <paramref name="tolerance"/>), when the readings near the median weigh more than those away from it.
    /// </summary>
    private static HashSet<long> OutliersOf(List<(Reading Reading, double Weight)> weighted, Func<Reading, double?> value, double tolerance, double ratio)
    {
        var reported = weighted.Where(w => value(w.Reading) is not null).Select(w => (w.Reading, w.Weight, Value: value(w.Reading)!.Value)).ToList();
        if (ratio <= 1 || reported.Count < 2)
        {
            return [];
        }

        reported.Sort((a, b) => a.Value.CompareTo(b.Value));
        var total = reported.Sum(r => r.Weight);
        var median = reported[^1].Value;
        var cumulative = 0.0;
        foreach (var r in reported)
        {
            cumulative += total > 0 ? r.Weight : 1;
            if (cumulative >= (total > 0 ? total : reported.Count) / 2)
            {
                median = r.Value;
                break;
            }
        }

        var limit = Math.Log(ratio);
        var far = reported.Where(r => Math.Abs(Math.Log((r.Value + tolerance) / (median + tolerance))) > limit).ToList();
        var farWeight = far.Sum(r => r.Weight);
        // When the two camps weigh the same, nothing says which is wrong: keep both.
        return far.Count > 0 && farWeight < total - farWeight ? [.. far.Select(r => r.Reading.Id)] : [];
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
        IReadOnlyList<long> ReadingIds,
        IReadOnlyList<long> SetAside);
}
