namespace BorderWatch.Core.Summaries;

/// <summary>
/// The rules of the daily summary, version <see cref="Version"/>. Every export names the version, so a change to any
/// rule here is a new version (and a migration that recomputes stored summaries). See docs/exports.md.
/// </summary>
/// <remarks>
/// The thresholds are fixed here rather than configurable: a published dataset must mean the same thing whichever
/// server produced it.
/// </remarks>
public static class SummaryMethodology
{
    public const int Version = 1;

    /// <summary>Name and version as exports print them.</summary>
    public const string Name = "borderwatch-daily-summary/1";

    /// <summary>A moment is stale when the newest accepted reading before it is older than this (the app's default staleness).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(3);

    /// <summary>Two readings conflict only when observed this close together.</summary>
    public static readonly TimeSpan ConflictWindow = TimeSpan.FromHours(1);

    /// <summary>Two readings conflict when the larger value is more than this many times the smaller…</summary>
    public const double ConflictRatio = 2.0;

    /// <summary>…and they differ by more than these amounts (small queues legitimately double in minutes).</summary>
    public const double ConflictMinVehicles = 50;

    public const double ConflictMinQueueKm = 0.5;
    public const double ConflictMinWaitHours = 1.0;

    /// <summary>The source types whose text reports count as verified.</summary>
    public const string VerifiedReportSourceType = "official";

    /// <summary>The plain-language rules printed in every provenance section.</summary>
    public static IReadOnlyList<string> Rules { get; } =
    [
        "One row per crossing per local calendar day in the crossing's own IANA time zone (daylight saving days are 23 or 25 hours long).",
        "Only accepted readings count, and of a corrected reading only its newest version. Pending and rejected readings never count.",
        "Values are those the sources reported; nothing is derived (no vehicles from kilometres, no waits from queue sizes). Both directions are pooled.",
        "Median and p90 interpolate between ranks (as Excel's PERCENTILE.INC and MEDIAN do).",
        "coverage: the share of the day's hours, counted from local midnight, with at least one reading.",
        "stale_hours: hours of the day when the newest accepted reading, from any earlier day too, was more than 3 hours old; for a day not yet over, counted up to the export time.",
        "conflicting_sources: two readings from different sources within 1 hour of each other, in the same direction or one of unknown direction, whose values for the same quantity differ more than twofold and by more than 50 vehicles, 0.5 km or 1 hour.",
        "unverified_only: every reading of the day is a text report and none comes from an official source.",
        "demo: some readings of the day are demonstration data, not observations.",
        "Days without accepted readings have no row.",
    ];
}
