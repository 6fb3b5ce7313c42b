using BorderWatch.Core.Summaries;

namespace BorderWatch.Data.Summaries;

/// <summary>A row of <see cref="DailySummarySql.Projection"/>, as Dapper materialises it.</summary>
internal sealed class DailySummaryRow
{
    public string LocalDate { get; set; } = "";
    public string Crossing { get; set; } = "";
    public string CrossingName { get; set; } = "";
    public string CountryA { get; set; } = "";
    public string CountryB { get; set; } = "";
    public double Lat { get; set; }
    public double Lon { get; set; }
    public string TimeZone { get; set; } = "";
    public long StartsAt { get; set; }
    public long EndsAt { get; set; }
    public long Readings { get; set; }
    public long ImageReadings { get; set; }
    public long ReportReadings { get; set; }
    public long ManualReadings { get; set; }
    public long FeedReadings { get; set; }
    public long AgentReadings { get; set; }
    public long Sources { get; set; }
    public string SourceTypes { get; set; } = "";
    public long VehiclesN { get; set; }
    public double? VehiclesMin { get; set; }
    public double? VehiclesMean { get; set; }
    public double? VehiclesMedian { get; set; }
    public double? VehiclesP90 { get; set; }
    public double? VehiclesMax { get; set; }
    public long QueueKmN { get; set; }
    public double? QueueKmMin { get; set; }
    public double? QueueKmMean { get; set; }
    public double? QueueKmMedian { get; set; }
    public double? QueueKmP90 { get; set; }
    public double? QueueKmMax { get; set; }
    public long WaitHoursN { get; set; }
    public double? WaitHoursMin { get; set; }
    public double? WaitHoursMean { get; set; }
    public double? WaitHoursMedian { get; set; }
    public double? WaitHoursP90 { get; set; }
    public double? WaitHoursMax { get; set; }
    public long FirstObservedAt { get; set; }
    public long LastObservedAt { get; set; }
    public double Coverage { get; set; }
    public double StaleHours { get; set; }
    public double ConfidenceMean { get; set; }
    public bool ConflictingSources { get; set; }
    public bool UnverifiedOnly { get; set; }
    public long DemoReadings { get; set; }
    public bool Complete { get; set; }

    public DailySummary ToSummary() => new()
    {
        Date = LocalDayTable.Parse(LocalDate),
        Crossing = Crossing,
        CrossingName = CrossingName,
        CountryCode = CountryA,
        OtherCountryCode = CountryB,
        Latitude = Lat,
        Longitude = Lon,
        TimeZone = TimeZone,
        DayStart = UnixTime.FromMs(StartsAt),
        DayEnd = UnixTime.FromMs(EndsAt),
        Readings = (int)Readings,
        ImageReadings = (int)ImageReadings,
        ReportReadings = (int)ReportReadings,
        ManualReadings = (int)ManualReadings,
        FeedReadings = (int)FeedReadings,
        AgentReadings = (int)AgentReadings,
        Sources = (int)Sources,
        SourceTypes = SourceTypes.Length == 0 ? [] : SourceTypes.Split(','),
        Vehicles = Stats(VehiclesN, VehiclesMin, VehiclesMean, VehiclesMedian, VehiclesP90, VehiclesMax),
        QueueKm = Stats(QueueKmN, QueueKmMin, QueueKmMean, QueueKmMedian, QueueKmP90, QueueKmMax),
        WaitHours = Stats(WaitHoursN, WaitHoursMin, WaitHoursMean, WaitHoursMedian, WaitHoursP90, WaitHoursMax),
        FirstObservedAt = UnixTime.FromMs(FirstObservedAt),
        LastObservedAt = UnixTime.FromMs(LastObservedAt),
        Coverage = Coverage,
        StaleHours = StaleHours,
        ConfidenceMean = ConfidenceMean,
        ConflictingSources = ConflictingSources,
        UnverifiedOnly = UnverifiedOnly,
        DemoReadings = (int)DemoReadings,
        Complete = Complete,
    };

    private static QuantityStats Stats(long count, double? min, double? mean, double? median, double? p90, double? max) =>
        count == 0 ? QuantityStats.None : new QuantityStats((int)count, min, mean, median, p90, max);
}
