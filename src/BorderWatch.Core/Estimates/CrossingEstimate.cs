using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Estimates;

/// <summary>The current best guess of the queue at one crossing, with the readings behind it.</summary>
public sealed record CrossingEstimate
{
    public required string Crossing { get; init; }

    /// <summary>When the estimate was computed.</summary>
    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>Observation time of the newest reading used; null when there is no reading at all.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public Direction Direction { get; init; } = Direction.Unknown;
    public double? QueueKm { get; init; }
    public double? Vehicles { get; init; }
    public double? WaitHours { get; init; }

    /// <summary>Which of the three quantities were derived rather than reported (e.g. wait from Little's law).</summary>
    public IReadOnlyList<string> Derived { get; init; } = [];

    public double Confidence { get; init; }
    public Trend Trend { get; init; } = Trend.Unknown;

    /// <summary>True when the newest reading is older than the configured staleness limit.</summary>
    public bool IsStale { get; init; }

    /// <summary>True when any reading used is demo data.</summary>
    public bool IsDemo { get; init; }

    /// <summary>The readings the numbers were fused from, newest first.</summary>
    public IReadOnlyList<long> ReadingIds { get; init; } = [];

    /// <summary>
    /// Readings of the headline direction set aside for a quantity because they disagree with better-supported ones by
    /// more than <see cref="FusionOptions.OutlierRatio"/> (they stay in <see cref="ReadingIds"/> and on screen).
    /// </summary>
    public IReadOnlyList<long> SetAside { get; init; } = [];

    /// <summary>The other direction's queue, when readings name both directions.</summary>
    public IReadOnlyList<DirectionEstimate> Directions { get; init; } = [];

    public string Method { get; init; } = EstimateFusion.MethodVersion;

    public bool HasData => AsOf is not null;

    public static CrossingEstimate Empty(string crossing, DateTimeOffset now) => new() { Crossing = crossing, ComputedAt = now };
}

/// <summary>Fused values for one direction of travel.</summary>
public sealed record DirectionEstimate(
    Direction Direction,
    double? QueueKm,
    double? Vehicles,
    double? WaitHours,
    double Confidence,
    DateTimeOffset AsOf,
    IReadOnlyList<long> ReadingIds);

public enum Trend
{
    Unknown,
    Rising,
    Steady,
    Falling,
}
