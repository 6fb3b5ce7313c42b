using System.Globalization;

namespace BorderWatch.Web.Exports;

/// <summary>The type of a column, which decides how each format writes it (XLSX date cells, JSON numbers, CSV text).</summary>
public enum CellKind
{
    Empty,
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
}

/// <summary>One value of an export table, unboxed.</summary>
public readonly record struct ExportCell(CellKind Kind, double Number = 0, string? Text = null, DateTimeOffset Time = default, DateOnly Date = default)
{
    public static ExportCell Empty => default;

    public static ExportCell Of(string? text) => text is null ? Empty : new(CellKind.Text, Text: text);

    public static ExportCell Of(long value) => new(CellKind.Integer, value);

    public static ExportCell Of(double? value) => value is { } v ? new(CellKind.Number, v) : Empty;

    /// <summary>Derived statistics are published to 4 decimals, the same in every format.</summary>
    public static ExportCell Rounded(double? value) => Of(value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null);

    public static ExportCell Of(bool value) => new(CellKind.Boolean, value ? 1 : 0);

    public static ExportCell Of(DateOnly date) => new(CellKind.Date, Date: date);

    /// <summary>Instants are published in UTC to the second: queue observations are not more precise than that.</summary>
    public static ExportCell Of(DateTimeOffset time) =>
        new(CellKind.DateTime, Time: new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));

    /// <summary>The value as CSV and HXL text: ISO 8601 dates, invariant numbers, true/false.</summary>
    public string Format() => Kind switch
    {
        CellKind.Empty => "",
        CellKind.Text => Text!,
        CellKind.Integer => ((long)Number).ToString(CultureInfo.InvariantCulture),
        CellKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "true" : "false",
        CellKind.Date => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CellKind.DateTime => Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Unknown cell kind {Kind}."),
    };
}

/// <summary>A column of an export table: its names in each format, its HXL hashtag and how to read it from a row.</summary>
/// <param name="Name">snake_case name: the CSV and XLSX header.</param>
/// <param name="JsonName">camelCase name: the JSON and GeoJSON property.</param>
/// <param name="Hxl">The HXL hashtag with attributes, for the optional second header row.</param>
/// <param name="Kind">The value type.</param>
/// <param name="Value">Reads the value from a row.</param>
/// <param name="OfCrossing">True when the value belongs to the crossing rather than the day (GeoJSON puts it on the feature once).</param>
public sealed record ExportColumn<T>(string Name, string JsonName, string Hxl, CellKind Kind, Func<T, ExportCell> Value, bool OfCrossing = false)
{
    /// <summary>Spreadsheet column width in characters.</summary>
    public double Width => Kind switch
    {
        CellKind.DateTime => 20,
        CellKind.Date => 12,
        CellKind.Text => Math.Max(12, Name.Length + 2),
        _ => Math.Max(9, Name.Length + 2),
    };
}
