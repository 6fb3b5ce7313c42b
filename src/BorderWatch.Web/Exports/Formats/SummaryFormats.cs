using System.IO.Pipelines;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Summaries;

namespace BorderWatch.Web.Exports.Formats;

/// <summary>The daily summary in each export format. Every writer streams its rows; none holds the table in memory.</summary>
public static class SummaryFormats
{
    /// <summary>Writes the summary in <paramref name="format"/>. GeoJSON needs rows ordered by crossing.</summary>
    public static async Task WriteAsync(
        ExportFormat format, SummaryProvenance provenance, IAsyncEnumerable<DailySummary> rows, IEnumerable<Crossing> crossings,
        Stream destination, bool hxl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        switch (format)
        {
            case ExportFormat.Csv:
                await WriteCsvAsync(rows, destination, hxl, cancellationToken);
                break;
            case ExportFormat.Json:
                await WriteJsonAsync(provenance, rows, destination, cancellationToken);
                break;
            case ExportFormat.GeoJson:
                await WriteGeoJsonAsync(provenance, rows, crossings, destination, cancellationToken);
                break;
            case ExportFormat.Xlsx when destination.CanSeek && destination.CanRead:
                await XlsxWorkbook.WriteAsync(destination, "Daily summary", SummaryColumns.All, rows, hxl, provenance, cancellationToken);
                break;
            case ExportFormat.Xlsx:
                // A zip package needs to seek: build it in a temporary file (not memory), then send it on.
                await using (var file = new FileStream(
                    Path.Combine(Path.GetTempPath(), $"borderwatch-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
                    FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous))
                {
                    await XlsxWorkbook.WriteAsync(file, "Daily summary", SummaryColumns.All, rows, hxl, provenance, cancellationToken);
                    file.Position = 0;
                    await file.CopyToAsync(destination, cancellationToken);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>The provenance alone, as JSON: the sidecar of a CSV file.</summary>
    public static async Task WriteProvenanceAsync(SummaryProvenance provenance, Stream destination, CancellationToken cancellationToken) =>
        await System.Text.Json.JsonSerializer.SerializeAsync(destination, provenance, BorderWatch.Core.Serialization.BorderWatchJson.Options, cancellationToken);

    /// <summary>borderwatch-daily-2022-09-21_2022-09-30[-crossing].ext</summary>
    public static string FileName(DateOnly from, DateOnly to, string? crossing, string extension) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"borderwatch-daily-{from:yyyy-MM-dd}{(to != from ? $"_{to:yyyy-MM-dd}" : "")}{(crossing is null ? "" : "-" + crossing)}.{extension}");

    /// <summary>CSV (RFC 4180) with an optional HXL hashtag row; the provenance goes in a sidecar.</summary>
    public static async Task WriteCsvAsync(IAsyncEnumerable<DailySummary> rows, Stream destination, bool hxl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var table = new CsvTable<DailySummary>(destination, SummaryColumns.All);
        await table.WriteHeaderAsync(hxl, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await table.WriteRowAsync(row, cancellationToken);
        }

        await table.FlushAsync(cancellationToken);
    }

    /// <summary><c>{"provenance": …, "summaries": [row, …]}</c>.</summary>
    public static async Task WriteJsonAsync(SummaryProvenance provenance, IAsyncEnumerable<DailySummary> rows, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pipe = PipeWriter.Create(destination, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var json = JsonTable.CreateWriter(pipe))
        {
            json.WriteStartObject();
            JsonTable.WriteProvenance(json, provenance);
            json.WriteStartArray("summaries");
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                json.WriteStartObject();
                JsonTable.WriteProperties(json, SummaryColumns.All, row);
                json.WriteEndObject();
                await JsonTable.FlushIfFullAsync(json, pipe, cancellationToken);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        await pipe.CompleteAsync();
    }

    /// <summary>
    /// An RFC 7946 FeatureCollection with one Point feature per crossing of the filter (all of them, so a map shows the
    /// quiet ones too): the crossing's fields as properties, and its days in a <c>days</c> array. A crossing's rows
    /// must come together (<see cref="Data.Summaries.SummaryOrder.ByCrossing"/>); crossings without rows follow.
    /// </summary>
    public static async Task WriteGeoJsonAsync(
        SummaryProvenance provenance, IAsyncEnumerable<DailySummary> rows, IEnumerable<Crossing> crossings, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(crossings);
        var crossingColumns = SummaryColumns.All.Where(c => c.OfCrossing).ToList();
        var dayColumns = SummaryColumns.All.Where(c => !c.OfCrossing).ToList();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var pipe = PipeWriter.Create(destination, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var json = JsonTable.CreateWriter(pipe))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            // A foreign member (RFC 7946 §6.1): GIS tools ignore it, people and scripts can read it.
            JsonTable.WriteProvenance(json, provenance);
            json.WriteStartArray("features");
            string? open = null;
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (row.Crossing != open)
                {
                    if (open is not null)
                    {
                        EndFeature(json);
                    }

                    if (!written.Add(row.Crossing))
                    {
                        throw new InvalidOperationException($"The rows of '{row.Crossing}' are not together; read them ordered by crossing.");
                    }

                    StartFeature(json, row.Crossing, row.Longitude, row.Latitude);
                    JsonTable.WriteProperties(json, crossingColumns, row);
                    json.WriteStartArray("days");
                    open = row.Crossing;
                }

                json.WriteStartObject();
                JsonTable.WriteProperties(json, dayColumns, row);
                json.WriteEndObject();
                await JsonTable.FlushIfFullAsync(json, pipe, cancellationToken);
            }

            if (open is not null)
            {
                EndFeature(json);
            }

            foreach (var quiet in crossings.Where(c => !written.Contains(c.Slug)))
            {
                WriteQuietFeature(json, crossingColumns, quiet);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        await pipe.CompleteAsync();
    }

    private static void StartFeature(System.Text.Json.Utf8JsonWriter json, string slug, double longitude, double latitude)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", slug);
        json.WriteStartObject("geometry");
        json.WriteString("type", "Point");
        json.WriteStartArray("coordinates");
        // RFC 7946 §3.1.1: longitude first.
        json.WriteNumberValue(longitude);
        json.WriteNumberValue(latitude);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("properties");
    }

    private static void EndFeature(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteEndArray(); // days
        json.WriteEndObject(); // properties
        json.WriteEndObject(); // feature
    }

    private static void WriteQuietFeature(System.Text.Json.Utf8JsonWriter json, List<ExportColumn<DailySummary>> crossingColumns, Crossing crossing)
    {
        StartFeature(json, crossing.Slug, crossing.Longitude, crossing.Latitude);
        JsonTable.WriteProperties(json, crossingColumns, CrossingOnly(crossing));
        json.WriteStartArray("days");
        EndFeature(json);
    }

    /// <summary>A crossing's identity in summary form, so a crossing without rows gets the same properties as the others.</summary>
    private static DailySummary CrossingOnly(Crossing crossing) => new()
    {
        Date = default,
        Crossing = crossing.Slug,
        CrossingName = crossing.Name,
        CountryCode = crossing.Countries[0],
        OtherCountryCode = crossing.Countries[1],
        Latitude = crossing.Latitude,
        Longitude = crossing.Longitude,
        TimeZone = crossing.TimeZone,
        DayStart = default,
        DayEnd = default,
        Readings = 0,
        ImageReadings = 0,
        ReportReadings = 0,
        ManualReadings = 0,
        FeedReadings = 0,
        AgentReadings = 0,
        Sources = 0,
        SourceTypes = [],
        Vehicles = QuantityStats.None,
        QueueKm = QuantityStats.None,
        WaitHours = QuantityStats.None,
        FirstObservedAt = default,
        LastObservedAt = default,
        Coverage = 0,
        StaleHours = 0,
        ConfidenceMean = 0,
        ConflictingSources = false,
        UnverifiedOnly = false,
        DemoReadings = 0,
        Complete = false,
    };
}
