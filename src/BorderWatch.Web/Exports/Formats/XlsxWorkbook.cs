using System.Globalization;
using BorderWatch.Core.Summaries;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BorderWatch.Web.Exports.Formats;

/// <summary>
/// Writes an XLSX workbook: the table on its own sheet with typed cells (numbers, booleans, dates and UTC date-times
/// as date-formatted serials), a bold header row frozen in place (plus the HXL row when asked) and column widths; and a
/// Provenance sheet. Rows go through the SAX-style <see cref="OpenXmlWriter"/>, one at a time.
/// </summary>
/// <remarks>The package format needs a seekable stream: callers write to a file and copy it on.</remarks>
public static class XlsxWorkbook
{
    private const uint DateStyle = 1;
    private const uint DateTimeStyle = 2;
    private const uint HeaderStyle = 3;
    private const uint HxlStyle = 4;

    /// <summary>Excel's day zero: serial 1 is 1900-01-01 (with its leap-year quirk), so serials count from here.</summary>
    private static readonly DateTime SerialEpoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    public static async Task WriteAsync<T>(
        Stream seekable, string sheetName, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, bool hxl,
        SummaryProvenance provenance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(provenance);
        using var document = SpreadsheetDocument.Create(seekable, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();

        var dataPart = workbookPart.AddNewPart<WorksheetPart>();
        var headerRows = hxl ? 2u : 1u;
        var references = columns.Select((_, i) => ColumnName(i)).ToArray();
        uint rowIndex = 0;
        using (var writer = OpenXmlWriter.Create(dataPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(FrozenHeader(headerRows));
            writer.WriteElement(new Columns(columns.Select((c, i) => new Column
            {
                Min = (uint)i + 1,
                Max = (uint)i + 1,
                Width = c.Width,
                CustomWidth = true,
            })));
            writer.WriteStartElement(new SheetData());
            WriteTextRow(writer, ++rowIndex, references, columns.Select(c => c.Name), HeaderStyle);
            if (hxl)
            {
                WriteTextRow(writer, ++rowIndex, references, columns.Select(c => c.Hxl), HxlStyle);
            }

            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                rowIndex++;
                writer.WriteStartElement(new Row { RowIndex = rowIndex });
                for (var i = 0; i < columns.Count; i++)
                {
                    if (Cell(columns[i].Value(row), references[i] + rowIndex.ToString(CultureInfo.InvariantCulture)) is { } cell)
                    {
                        writer.WriteElement(cell);
                    }
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement(); // sheetData
            if (!hxl && rowIndex > 1)
            {
                // Filter buttons on the header; with an HXL row they would treat the hashtags as data.
                writer.WriteElement(new AutoFilter { Reference = $"A1:{references[^1]}{rowIndex}" });
            }

            writer.WriteEndElement(); // worksheet
        }

        var provenancePart = workbookPart.AddNewPart<WorksheetPart>();
        WriteProvenance(provenancePart, provenance);

        workbookPart.Workbook = new Workbook(new Sheets(
            new Sheet { Id = workbookPart.GetIdOfPart(dataPart), SheetId = 1, Name = sheetName },
            new Sheet { Id = workbookPart.GetIdOfPart(provenancePart), SheetId = 2, Name = "Provenance" }));
        workbookPart.Workbook.Save();
    }

    private static SheetViews FrozenHeader(uint headerRows) => new(new SheetView(
        new Pane
        {
            VerticalSplit = headerRows,
            TopLeftCell = $"A{headerRows + 1}",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{headerRows + 1}", SequenceOfReferences = new ListValue<StringValue>([new StringValue($"A{headerRows + 1}")]) })
    {
        TabSelected = true,
        WorkbookViewId = 0,
    });

    private static Cell? Cell(ExportCell value, string reference) => value.Kind switch
    {
        CellKind.Empty => null,
        CellKind.Text => TextCell(reference, value.Text!, 0),
        CellKind.Integer or CellKind.Number => new Cell { CellReference = reference, CellValue = new CellValue(value.Number) },
        CellKind.Boolean => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(value.Number != 0 ? "1" : "0") },
        CellKind.Date => new Cell
        {
            CellReference = reference,
            StyleIndex = DateStyle,
            CellValue = new CellValue((value.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - SerialEpoch).TotalDays),
        },
        CellKind.DateTime => new Cell
        {
            CellReference = reference,
            StyleIndex = DateTimeStyle,
            CellValue = new CellValue((value.Time.UtcDateTime - SerialEpoch).TotalDays),
        },
        _ => throw new InvalidOperationException($"Unknown cell kind {value.Kind}."),
    };

    /// <summary>Inline strings: no shared-string table to hold in memory while streaming.</summary>
    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style == 0 ? null : style,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static void WriteTextRow(OpenXmlWriter writer, uint rowIndex, string[] references, IEnumerable<string> values, uint style)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        var i = 0;
        foreach (var value in values)
        {
            writer.WriteElement(TextCell(references[i++] + rowIndex.ToString(CultureInfo.InvariantCulture), value, style));
        }

        writer.WriteEndElement();
    }

    private static void WriteProvenance(WorksheetPart part, SummaryProvenance provenance)
    {
        var t = provenance.Totals;
        var rows = new List<(string Key, ExportCell Value, string? Note)>
        {
            ("methodology", ExportCell.Of(provenance.Methodology), "The rules below; a change to any of them changes this version."),
            ("generated_at", ExportCell.Of(provenance.GeneratedAt), "UTC"),
            ("from", ExportCell.Of(provenance.From), "First local date"),
            ("to", ExportCell.Of(provenance.To), "Last local date"),
            ("crossing", ExportCell.Of(provenance.Crossing ?? "all"), null),
            ("rows", ExportCell.Of(t.Rows), null),
            ("crossings", ExportCell.Of(t.Crossings), null),
            ("readings", ExportCell.Of(t.Readings), "Accepted current readings counted"),
            ("readings_image", ExportCell.Of(t.ImageReadings), null),
            ("readings_report", ExportCell.Of(t.ReportReadings), null),
            ("readings_manual", ExportCell.Of(t.ManualReadings), null),
            ("readings_feed", ExportCell.Of(t.FeedReadings), null),
            ("readings_agent", ExportCell.Of(t.AgentReadings), null),
            ("demo_readings", ExportCell.Of(t.DemoReadings), t.DemoReadings > 0 ? "Demonstration data, not observations" : null),
        };

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new Columns(
            new Column { Min = 1, Max = 1, Width = 22, CustomWidth = true },
            new Column { Min = 2, Max = 2, Width = 40, CustomWidth = true },
            new Column { Min = 3, Max = 3, Width = 14, CustomWidth = true },
            new Column { Min = 4, Max = 4, Width = 10, CustomWidth = true },
            new Column { Min = 5, Max = 5, Width = 10, CustomWidth = true }));
        writer.WriteStartElement(new SheetData());
        uint r = 0;
        foreach (var (key, value, note) in rows)
        {
            r++;
            WriteRow(writer, r, [ExportCell.Of(key), value, ExportCell.Of(note)]);
        }

        r++;
        WriteTextRow(writer, ++r, ["A"], ["Rules"], HeaderStyle);
        foreach (var rule in provenance.Rules)
        {
            r++;
            writer.WriteStartElement(new Row { RowIndex = r });
            writer.WriteElement(TextCell($"A{r}", rule, 0));
            writer.WriteEndElement();
        }

        r++;
        WriteTextRow(writer, ++r, ["A", "B", "C", "D", "E"], ["source", "url", "type", "sources", "readings"], HeaderStyle);
        foreach (var source in provenance.Sources)
        {
            WriteRow(writer, ++r,
            [
                ExportCell.Of(source.Name ?? $"({source.Type} sources, not named)"),
                ExportCell.Of(source.Url),
                ExportCell.Of(source.Type),
                ExportCell.Of(source.Sources),
                ExportCell.Of(source.Readings),
            ]);
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, ExportCell[] cells)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var i = 0; i < cells.Length; i++)
        {
            if (Cell(cells[i], ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture)) is { } cell)
            {
                writer.WriteElement(cell);
            }
        }

        writer.WriteEndElement();
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" })
        { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Italic(), new FontSize { Val = 10 }, new Color { Rgb = "FF555555" }, new FontName { Val = "Calibri" }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EEF4" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true },
            new CellFormat { FontId = 2, FillId = 2, ApplyFont = true, ApplyFill = true })
        { Count = 5 });

    /// <summary>A, B, …, Z, AA, AB, …: spreadsheet column letters of a 0-based index.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
