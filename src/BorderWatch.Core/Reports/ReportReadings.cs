using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Reports;

/// <summary>Turns what the extractor found in a report into readings of kind <c>report</c>.</summary>
public static class ReportReadings
{
    /// <summary>The name shown when a report has neither a source name nor a URL.</summary>
    public const string UnnamedSource = "Pasted report";

    public static Reading ToReading(ExtractedReading extracted, ReportInput report, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(extracted);
        ArgumentNullException.ThrowIfNull(report);
        var url = report.Url ?? report.Source?.Url;
        return new Reading
        {
            Crossing = extracted.Crossing,
            ObservedAt = (report.PublishedAt ?? receivedAt).ToUniversalTime(),
            ReceivedAt = receivedAt,
            Kind = ReadingKind.Report,
            Direction = extracted.Direction,
            QueueKm = extracted.QueueKm,
            Vehicles = extracted.Vehicles,
            WaitHours = extracted.WaitHours,
            Confidence = extracted.Confidence,
            Status = extracted.Status,
            Source = new Provenance(SourceName(report), url, Blank(report.Source?.Type), Truncate(extracted.Evidence, ReadingLimits.MaxExcerptLength)),
        };
    }

    /// <summary>The source's name, else the host of its URL, else <see cref="UnnamedSource"/>.</summary>
    public static string SourceName(ReportInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Blank(report.Source?.Name) is { } name)
        {
            return name;
        }

        var url = report.Url ?? report.Source?.Url;
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : UnnamedSource;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
