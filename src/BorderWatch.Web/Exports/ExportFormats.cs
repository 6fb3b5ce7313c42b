namespace BorderWatch.Web.Exports;

/// <summary>The formats of the daily summary export.</summary>
public enum ExportFormat
{
    Csv,
    Json,
    Xlsx,
    GeoJson,
}

/// <summary>The formats of the raw readings export (streamed; a spreadsheet would stop at 1,048,576 rows).</summary>
public enum ReadingExportFormat
{
    Csv,
    JsonLines,
}

/// <summary>Names, media types and file extensions of the export formats.</summary>
public static class ExportFormats
{
    public static bool TryParse(string? text, out ExportFormat format)
    {
        (var ok, format) = text?.ToLowerInvariant() switch
        {
            "csv" => (true, ExportFormat.Csv),
            "json" => (true, ExportFormat.Json),
            "xlsx" => (true, ExportFormat.Xlsx),
            "geojson" => (true, ExportFormat.GeoJson),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string? text, out ReadingExportFormat format)
    {
        (var ok, format) = text?.ToLowerInvariant() switch
        {
            "csv" => (true, ReadingExportFormat.Csv),
            "jsonl" or "ndjson" => (true, ReadingExportFormat.JsonLines),
            _ => (false, default),
        };
        return ok;
    }

    public static string Name(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Json => "json",
        ExportFormat.Xlsx => "xlsx",
        ExportFormat.GeoJson => "geojson",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Name(this ReadingExportFormat format) => format == ReadingExportFormat.Csv ? "csv" : "jsonl";

    /// <summary>Media types: RFC 4180 text/csv with its header parameter, RFC 7946 application/geo+json.</summary>
    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8; header=present",
        ExportFormat.Json => "application/json; charset=utf-8",
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ExportFormat.GeoJson => "application/geo+json",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string ContentType(this ReadingExportFormat format) =>
        format == ReadingExportFormat.Csv ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson";

    public static bool SupportsHxl(this ExportFormat format) => format is ExportFormat.Csv or ExportFormat.Xlsx;
}
