using CsvHelper;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>A row of the daily summary CSV as CsvHelper's source generator maps it: every typed field must parse.</summary>
[CsvRecord]
public sealed partial class SummaryCsvRow
{
    [CsvColumn("date")] public DateOnly Date { get; set; }
    [CsvColumn("crossing")] public string Crossing { get; set; } = "";
    [CsvColumn("crossing_name")] public string CrossingName { get; set; } = "";
    [CsvColumn("country_code")] public string CountryCode { get; set; } = "";
    [CsvColumn("lat")] public double Lat { get; set; }
    [CsvColumn("lon")] public double Lon { get; set; }
    [CsvColumn("day_hours")] public double DayHours { get; set; }
    [CsvColumn("readings")] public int Readings { get; set; }
    [CsvColumn("readings_image")] public int ReadingsImage { get; set; }
    [CsvColumn("readings_report")] public int ReadingsReport { get; set; }
    [CsvColumn("readings_manual")] public int ReadingsManual { get; set; }
    [CsvColumn("readings_feed")] public int ReadingsFeed { get; set; }
    [CsvColumn("readings_agent")] public int ReadingsAgent { get; set; }
    [CsvColumn("sources")] public int Sources { get; set; }
    [CsvColumn("source_types")] public string SourceTypes { get; set; } = "";
    [CsvColumn("vehicles_min")] public double? VehiclesMin { get; set; }
    [CsvColumn("vehicles_mean")] public double? VehiclesMean { get; set; }
    [CsvColumn("vehicles_median")] public double? VehiclesMedian { get; set; }
    [CsvColumn("vehicles_p90")] public double? VehiclesP90 { get; set; }
    [CsvColumn("vehicles_max")] public double? VehiclesMax { get; set; }
    [CsvColumn("queue_km_median")] public double? QueueKmMedian { get; set; }
    [CsvColumn("queue_km_p90")] public double? QueueKmP90 { get; set; }
    [CsvColumn("queue_km_max")] public double? QueueKmMax { get; set; }
    [CsvColumn("wait_hours_mean")] public double? WaitHoursMean { get; set; }
    [CsvColumn("first_observed_at")] public DateTimeOffset FirstObservedAt { get; set; }
    [CsvColumn("last_observed_at")] public DateTimeOffset LastObservedAt { get; set; }
    [CsvColumn("coverage")] public double Coverage { get; set; }
    [CsvColumn("stale_hours")] public double StaleHours { get; set; }
    [CsvColumn("confidence_mean")] public double ConfidenceMean { get; set; }
    [CsvColumn("conflicting_sources")] public bool ConflictingSources { get; set; }
    [CsvColumn("unverified_only")] public bool UnverifiedOnly { get; set; }
    [CsvColumn("demo_readings")] public int DemoReadings { get; set; }
    [CsvColumn("complete")] public bool Complete { get; set; }
}
