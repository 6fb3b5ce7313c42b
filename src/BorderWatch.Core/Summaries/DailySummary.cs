namespace BorderWatch.Core.Summaries;

/// <summary>The summary of one crossing's accepted readings over one local day (see <see cref="SummaryMethodology"/>).</summary>
public sealed record DailySummary
{
    public required DateOnly Date { get; init; }
    public required string Crossing { get; init; }
    public required string CrossingName { get; init; }

    /// <summary>ISO 3166-1 alpha-2 of the slug's side, where the checkpoint and its time zone are.</summary>
    public required string CountryCode { get; init; }

    public required string OtherCountryCode { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    public required string TimeZone { get; init; }
    public required DateTimeOffset DayStart { get; init; }
    public required DateTimeOffset DayEnd { get; init; }

    public required int Readings { get; init; }
    public required int ImageReadings { get; init; }
    public required int ReportReadings { get; init; }
    public required int ManualReadings { get; init; }
    public required int FeedReadings { get; init; }
    public required int AgentReadings { get; init; }

    /// <summary>Distinct named sources of the day's readings.</summary>
    public required int Sources { get; init; }

    /// <summary>The source types present (official, camera, media, crowd, agent, demo), alphabetical.</summary>
    public required IReadOnlyList<string> SourceTypes { get; init; }

    public required QuantityStats Vehicles { get; init; }
    public required QuantityStats QueueKm { get; init; }
    public required QuantityStats WaitHours { get; init; }

    public required DateTimeOffset FirstObservedAt { get; init; }
    public required DateTimeOffset LastObservedAt { get; init; }

    /// <summary>Share of the day's hours with at least one reading, in [0, 1].</summary>
    public required double Coverage { get; init; }

    /// <summary>Hours of the day (up to the time of the query, for a day not yet over) without a reading newer than 3 h.</summary>
    public required double StaleHours { get; init; }

    public required double ConfidenceMean { get; init; }
    public required bool ConflictingSources { get; init; }
    public required bool UnverifiedOnly { get; init; }

    /// <summary>Readings of the day that are demonstration data.</summary>
    public required int DemoReadings { get; init; }

    /// <summary>False while the local day is not over: its numbers can still change.</summary>
    public required bool Complete { get; init; }

    public double DayHours => (DayEnd - DayStart).TotalHours;
}

/// <summary>Statistics of one reported quantity over a day; all null when no reading reported it.</summary>
/// <param name="Count">How many readings reported the quantity.</param>
/// <param name="Min">Smallest reported value.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">Median, interpolated between the middle two values when there are an even number.</param>
/// <param name="P90">90th percentile, interpolated between ranks.</param>
/// <param name="Max">Largest reported value.</param>
public sealed record QuantityStats(int Count, double? Min, double? Mean, double? Median, double? P90, double? Max)
{
    public static QuantityStats None { get; } = new(0, null, null, null, null, null);
}
