using System.Collections.Concurrent;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Configuration;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Estimates;

/// <summary>
/// Holds each crossing's current estimate and the window of readings it is fused from, so a new reading updates
/// the estimate without a database query.
/// </summary>
/// <remarks>
/// Every stored reading passes through <see cref="Apply"/> (the ingest pipeline calls it after the commit), so the
/// in-memory windows equal what <see cref="ReadingRepository.GetFusionInputsAsync"/> would return, up to the cap.
/// </remarks>
public sealed class EstimateStore(Gazetteer gazetteer, ReadingRepository readings, TimeProvider time, IOptions<EstimateOptions> options)
{
    /// <summary>The most recent readings kept per crossing. Beyond a few hundred, older ones weigh next to nothing.</summary>
    public const int MaxWindowReadings = 500;

    private readonly ConcurrentDictionary<string, CrossingState> _states = new(StringComparer.Ordinal);

    public FusionOptions Fusion { get; } = FusionOptions.Default with
    {
        StaleAfter = TimeSpan.FromMinutes(options.Value.StaleAfterMinutes),
    };

    /// <summary>Loads the fusion windows of every crossing from the database and computes all estimates.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var inputs = await readings.GetFusionInputsForAllAsync(Fusion.Window, now, cancellationToken);
        foreach (var crossing in gazetteer.Crossings)
        {
            var state = new CrossingState(crossing);
            state.Readings.AddRange(inputs[crossing.Slug].OrderBy(r => r.ObservedAt).ThenBy(r => r.Id).TakeLast(MaxWindowReadings));
            state.Estimate = EstimateFusion.Fuse(crossing, state.Readings, now, Fusion);
            _states[crossing.Slug] = state;
        }
    }

    public CrossingEstimate Get(string slug)
    {
        if (_states.TryGetValue(slug, out var state))
        {
            return state.Estimate;
        }

        return CrossingEstimate.Empty(slug, time.GetUtcNow());
    }

    public IReadOnlyList<CrossingEstimate> GetAll() => [.. gazetteer.Crossings.Select(c => Get(c.Slug))];

    /// <summary>
    /// Takes newly stored readings into the windows and recomputes the affected crossings.
    /// </summary>
    /// <returns>The estimates that changed.</returns>
    public IReadOnlyList<CrossingEstimate> Apply(IEnumerable<Reading> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var now = time.GetUtcNow();
        var changed = new List<CrossingEstimate>();
        foreach (var group in stored.GroupBy(r => r.Crossing, StringComparer.Ordinal))
        {
            var state = _states.GetOrAdd(group.Key, slug => new CrossingState(gazetteer.Find(slug)
                ?? throw new InvalidOperationException($"Reading for unknown crossing '{slug}'.")));
            lock (state)
            {
                foreach (var reading in group)
                {
                    if (reading.Supersedes is { } previous)
                    {
                        state.Readings.RemoveAll(r => r.Id == previous);
                    }

                    if (reading.Status == ReadingStatus.Accepted && reading.ObservedAt <= now + Core.Readings.ReadingLimits.FutureTolerance)
                    {
                        var index = state.Readings.FindLastIndex(r => r.ObservedAt <= reading.ObservedAt) + 1;
                        state.Readings.Insert(index, reading);
                    }
                }

                Trim(state);
                var estimate = EstimateFusion.Fuse(state.Crossing, state.Readings, now, Fusion);
                if (!SameNumbers(state.Estimate, estimate))
                {
                    changed.Add(estimate);
                }

                state.Estimate = estimate;
            }
        }

        return changed;
    }

    /// <summary>Recomputes every estimate at the current time; returns those whose staleness or trend changed.</summary>
    public IReadOnlyList<CrossingEstimate> Refresh()
    {
        var now = time.GetUtcNow();
        var changed = new List<CrossingEstimate>();
        foreach (var state in _states.Values)
        {
            lock (state)
            {
                var estimate = EstimateFusion.Fuse(state.Crossing, state.Readings, now, Fusion);
                if (estimate.IsStale != state.Estimate.IsStale || estimate.Trend != state.Estimate.Trend || !SameNumbers(state.Estimate, estimate))
                {
                    changed.Add(estimate);
                }

                state.Estimate = estimate;
            }
        }

        return changed;
    }

    private void Trim(CrossingState state)
    {
        if (state.Readings.Count == 0)
        {
            return;
        }

        var newest = state.Readings[^1].ObservedAt;
        var cutoff = newest - Fusion.Window;
        var old = state.Readings.FindIndex(r => r.ObservedAt > cutoff);
        if (old > 0)
        {
            state.Readings.RemoveRange(0, old);
        }

        if (state.Readings.Count > MaxWindowReadings)
        {
            state.Readings.RemoveRange(0, state.Readings.Count - MaxWindowReadings);
        }
    }

    private static bool SameNumbers(CrossingEstimate a, CrossingEstimate b) =>
        a.AsOf == b.AsOf && a.QueueKm == b.QueueKm && a.Vehicles == b.Vehicles && a.WaitHours == b.WaitHours
        && a.Direction == b.Direction && a.IsStale == b.IsStale && a.ReadingIds.SequenceEqual(b.ReadingIds);

    private sealed class CrossingState(Crossing crossing)
    {
        public Crossing Crossing { get; } = crossing;
        public List<Reading> Readings { get; } = [];
        public CrossingEstimate Estimate { get; set; } = CrossingEstimate.Empty(crossing.Slug, DateTimeOffset.UnixEpoch);
    }
}
