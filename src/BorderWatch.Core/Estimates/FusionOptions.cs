using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Estimates;

/// <summary>Tuning of <see cref="EstimateFusion"/>. The defaults are documented in docs/estimates.md.</summary>
public sealed record FusionOptions
{
    /// <summary>Readings older than this before the newest one are ignored.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(6);

    /// <summary>A reading this much older than the newest one counts half as much.</summary>
    public TimeSpan RecencyHalfLife { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Confidence halves for every such span between the newest reading and now.</summary>
    public TimeSpan FreshnessHalfLife { get; init; } = TimeSpan.FromHours(6);

    /// <summary>An estimate whose newest reading is older than this is shown as stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(3);

    /// <summary>The trend compares with the estimate this long before the newest reading.</summary>
    public TimeSpan TrendLookback { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Relative change below which the trend is steady.</summary>
    public double TrendThreshold { get; init; } = 0.10;

    /// <summary>
    /// Readings that differ from the weighted median of a quantity by more than this factor are set aside, when the
    /// readings that agree with the median carry more weight (a viral 35 km against the border guard's 500 m).
    /// Values of 1 or less turn the step off.
    /// </summary>
    public double OutlierRatio { get; init; } = 4.0;

    public static FusionOptions Default { get; } = new();

    /// <summary>How much a source type is believed, before the reading's own confidence.</summary>
    public IReadOnlyDictionary<string, double> SourceTypeWeights { get; init; } = new Dictionary<string, double>
    {
        ["official"] = 1.0,
        ["camera"] = 0.9,
        ["agent"] = 0.8,
        ["media"] = 0.6,
        ["crowd"] = 0.4,
    };

    /// <summary>Weight by reading kind, used when the source type is not given.</summary>
    public IReadOnlyDictionary<ReadingKind, double> KindWeights { get; init; } = new Dictionary<ReadingKind, double>
    {
        [ReadingKind.Feed] = 1.0,
        [ReadingKind.Image] = 0.9,
        [ReadingKind.Manual] = 0.9,
        [ReadingKind.Agent] = 0.8,
        [ReadingKind.Report] = 0.5,
    };

    public double SourceWeight(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Source.SourceType is { } type && SourceTypeWeights.TryGetValue(type, out var byType))
        {
            return byType;
        }

        return KindWeights.TryGetValue(reading.Kind, out var byKind) ? byKind : 0.5;
    }
}
