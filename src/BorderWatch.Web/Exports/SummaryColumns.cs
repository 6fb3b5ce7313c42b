using BorderWatch.Core.Summaries;

namespace BorderWatch.Web.Exports;

/// <summary>
/// The daily summary table: one list of columns drives CSV, XLSX, JSON and GeoJSON, so every format carries the same
/// fields with the same values. HXL hashtags follow the HXL 1.1 standard (core hashtags, lowercase attributes).
/// </summary>
public static class SummaryColumns
{
    public static IReadOnlyList<ExportColumn<DailySummary>> All { get; } =
    [
        new("date", "date", "#date+reported", CellKind.Date, s => ExportCell.Of(s.Date)),
        new("crossing", "crossing", "#loc+code", CellKind.Text, s => ExportCell.Of(s.Crossing), OfCrossing: true),
        new("crossing_name", "crossingName", "#loc+name", CellKind.Text, s => ExportCell.Of(s.CrossingName), OfCrossing: true),
        new("country_code", "countryCode", "#country+code+origin", CellKind.Text, s => ExportCell.Of(s.CountryCode), OfCrossing: true),
        new("other_country_code", "otherCountryCode", "#country+code+dest", CellKind.Text, s => ExportCell.Of(s.OtherCountryCode), OfCrossing: true),
        new("lat", "lat", "#geo+lat", CellKind.Number, s => ExportCell.Of(s.Latitude), OfCrossing: true),
        new("lon", "lon", "#geo+lon", CellKind.Number, s => ExportCell.Of(s.Longitude), OfCrossing: true),
        new("time_zone", "timeZone", "#meta+timezone", CellKind.Text, s => ExportCell.Of(s.TimeZone), OfCrossing: true),
        new("day_hours", "dayHours", "#meta+day_hours+num", CellKind.Number, s => ExportCell.Rounded(s.DayHours)),
        new("readings", "readings", "#indicator+readings+num", CellKind.Integer, s => ExportCell.Of(s.Readings)),
        new("readings_image", "readingsImage", "#indicator+readings+image+num", CellKind.Integer, s => ExportCell.Of(s.ImageReadings)),
        new("readings_report", "readingsReport", "#indicator+readings+report+num", CellKind.Integer, s => ExportCell.Of(s.ReportReadings)),
        new("readings_manual", "readingsManual", "#indicator+readings+manual+num", CellKind.Integer, s => ExportCell.Of(s.ManualReadings)),
        new("readings_feed", "readingsFeed", "#indicator+readings+feed+num", CellKind.Integer, s => ExportCell.Of(s.FeedReadings)),
        new("readings_agent", "readingsAgent", "#indicator+readings+agent+num", CellKind.Integer, s => ExportCell.Of(s.AgentReadings)),
        new("sources", "sources", "#meta+source+num", CellKind.Integer, s => ExportCell.Of(s.Sources)),
        new("source_types", "sourceTypes", "#meta+source+type", CellKind.Text, s => ExportCell.Of(string.Join(';', s.SourceTypes))),
        .. Quantity("vehicles", "Vehicles", "queue_vehicles", s => s.Vehicles),
        .. Quantity("queue_km", "QueueKm", "queue_km", s => s.QueueKm),
        .. Quantity("wait_hours", "WaitHours", "wait_hours", s => s.WaitHours),
        new("first_observed_at", "firstObservedAt", "#date+observed+first", CellKind.DateTime, s => ExportCell.Of(s.FirstObservedAt)),
        new("last_observed_at", "lastObservedAt", "#date+observed+last", CellKind.DateTime, s => ExportCell.Of(s.LastObservedAt)),
        new("coverage", "coverage", "#indicator+coverage+num", CellKind.Number, s => ExportCell.Rounded(s.Coverage)),
        new("stale_hours", "staleHours", "#indicator+stale_hours+num", CellKind.Number, s => ExportCell.Rounded(s.StaleHours)),
        new("confidence_mean", "confidenceMean", "#meta+certainty+num", CellKind.Number, s => ExportCell.Rounded(s.ConfidenceMean)),
        new("conflicting_sources", "conflictingSources", "#meta+flag+conflicting_sources", CellKind.Boolean, s => ExportCell.Of(s.ConflictingSources)),
        new("unverified_only", "unverifiedOnly", "#meta+flag+unverified_only", CellKind.Boolean, s => ExportCell.Of(s.UnverifiedOnly)),
        new("demo_readings", "demoReadings", "#meta+demo+num", CellKind.Integer, s => ExportCell.Of(s.DemoReadings)),
        new("complete", "complete", "#meta+flag+complete", CellKind.Boolean, s => ExportCell.Of(s.Complete)),
    ];

    private static IEnumerable<ExportColumn<DailySummary>> Quantity(string name, string jsonName, string hxl, Func<DailySummary, QuantityStats> stats) =>
    [
        new($"{name}_count", $"{Camel(jsonName)}Count", $"#indicator+{hxl}+count+num", CellKind.Integer, s => ExportCell.Of(stats(s).Count)),
        new($"{name}_min", $"{Camel(jsonName)}Min", $"#indicator+{hxl}+min+num", CellKind.Number, s => ExportCell.Of(stats(s).Min)),
        new($"{name}_mean", $"{Camel(jsonName)}Mean", $"#indicator+{hxl}+mean+num", CellKind.Number, s => ExportCell.Rounded(stats(s).Mean)),
        new($"{name}_median", $"{Camel(jsonName)}Median", $"#indicator+{hxl}+median+num", CellKind.Number, s => ExportCell.Rounded(stats(s).Median)),
        new($"{name}_p90", $"{Camel(jsonName)}P90", $"#indicator+{hxl}+p90+num", CellKind.Number, s => ExportCell.Rounded(stats(s).P90)),
        new($"{name}_max", $"{Camel(jsonName)}Max", $"#indicator+{hxl}+max+num", CellKind.Number, s => ExportCell.Of(stats(s).Max)),
    ];

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
