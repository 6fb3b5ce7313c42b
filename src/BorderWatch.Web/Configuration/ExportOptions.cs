using System.Globalization;
using BorderWatch.Web.Exports;

namespace BorderWatch.Web.Configuration;

/// <summary>Configuration section <c>Exports</c>: the scheduled daily export of yesterday's summary.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>Run the daily export at <see cref="ScheduleTime"/>. Off by default: an operator picks the folder first.</summary>
    public bool ScheduleEnabled { get; set; }

    /// <summary>Local time of day of the run, HH:mm, in <see cref="ScheduleTimeZone"/>.</summary>
    public string ScheduleTime { get; set; } = "06:00";

    /// <summary>IANA time zone of <see cref="ScheduleTime"/>; "yesterday" is the day before the run's date in it.</summary>
    public string ScheduleTimeZone { get; set; } = "UTC";

    /// <summary>Comma-separated formats to write: csv, xlsx, json, geojson.</summary>
    public string Formats { get; set; } = "csv,xlsx,geojson";

    /// <summary>Add the HXL hashtag row to CSV and XLSX files.</summary>
    public bool Hxl { get; set; } = true;

    /// <summary>Folder for the files (relative paths resolve against the app folder).</summary>
    public string Directory { get; set; } = "data/exports";

    /// <summary>When set, the run POSTs the day's JSON summary here. It may hold a token: it is never logged or shown in full.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>When set, the POST carries <c>X-BorderWatch-Signature: sha256=HMAC(body)</c> so the receiver can check it.</summary>
    public string WebhookSecret { get; set; } = "";

    public double WebhookTimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per run before it is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    public double RetryDelaySeconds { get; set; } = 60;

    public TimeOnly Time => TimeOnly.ParseExact(ScheduleTime, "HH:mm", CultureInfo.InvariantCulture);

    public TimeZoneInfo TimeZone => Core.Summaries.LocalDays.FindZone(ScheduleTimeZone)
        ?? throw new InvalidOperationException($"Exports:ScheduleTimeZone '{ScheduleTimeZone}' is not a known IANA time zone.");

    public IReadOnlyList<ExportFormat> FormatList =>
        [.. Formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => ExportFormats.TryParse(f, out ExportFormat x) ? x : throw new InvalidOperationException($"Unknown export format '{f}'.")).Distinct()];
}
