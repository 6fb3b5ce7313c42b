namespace BorderWatch.Core.Readings;

/// <summary>
/// Bounds beyond which a value is a typo or an attack, not a queue. Set wider than the worst queues on record:
/// Upper Lars in September 2022 (about 20 km, 5,500 cars, two days) and the Poland–Ukraine truck queues of late
/// 2023 (tens of kilometres, more than ten days).
/// </summary>
public static class ReadingLimits
{
    public const double MaxQueueKm = 150;
    public const double MaxVehicles = 50_000;
    public const double MaxWaitHours = 24 * 21;
    public const int MaxSourceNameLength = 200;
    public const int MaxUrlLength = 2048;
    public const int MaxExcerptLength = 2000;

    /// <summary>Clock skew tolerated for observation times slightly in the future.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Nothing older than this is a queue anyone needs to store.</summary>
    public static readonly DateTimeOffset EarliestObservation = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<string> SourceTypes = ["official", "camera", "media", "crowd", "agent", "demo"];
}
