using System.Globalization;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Serialization;

namespace BorderWatch.Core.Reports.Sources;

/// <summary>One report read from a file, or what is wrong with its line.</summary>
/// <param name="Line">1-based line (JSONL) or record (CSV, after the header) number.</param>
/// <param name="Report">The report, when the line is well-formed.</param>
/// <param name="Error">Why the line could not be read.</param>
public sealed record ImportedReport(int Line, ReportInput? Report, string? Error);

/// <summary>Bulk report files: JSON Lines (one <see cref="ReportInput"/> per line) and CSV with a header row.</summary>
public static class ReportFiles
{
    /// <summary>CSV columns understood (case-insensitive; - and _ ignored): text (required), id, publishedAt, url, sourceName, sourceType.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["text", "id", "publishedAt", "url", "sourceName", "sourceType"];

    public static IEnumerable<ImportedReport> ReadJsonl(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ReportInput? report = null;
            string? error = null;
            try
            {
                report = JsonSerializer.Deserialize<ReportInput>(line, BorderWatchJson.Options);
                if (report is null)
                {
                    error = "the line is null; send a JSON object.";
                }
            }
            catch (JsonException ex)
            {
                error = $"not a valid report object: {FirstSentence(ex.Message)}";
            }

            yield return new ImportedReport(number, report, error);
        }
    }

    public static IEnumerable<ImportedReport> ReadCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var records = ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            yield break;
        }

        var header = records.Current.Select(Key).ToList();
        var text = header.IndexOf("text");
        if (text < 0)
        {
            yield return new ImportedReport(1, null, $"the header row needs a 'text' column (columns: {string.Join(", ", CsvColumns)}).");
            yield break;
        }

        var unknown = header.Where(h => h.Length > 0 && !CsvColumns.Select(Key).Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            yield return new ImportedReport(1, null, $"unknown column(s) {string.Join(", ", unknown)} (columns: {string.Join(", ", CsvColumns)}).");
            yield break;
        }

        var number = 0;
        while (records.MoveNext())
        {
            number++;
            var fields = records.Current;
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue;
            }

            string? Field(string name)
            {
                var index = header.IndexOf(Key(name));
                return index >= 0 && index < fields.Count && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index].Trim() : null;
            }

            DateTimeOffset? published = null;
            if (Field("publishedAt") is { } when)
            {
                if (!DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    yield return new ImportedReport(number, null, $"publishedAt '{when}' is not an ISO 8601 date-time.");
                    continue;
                }

                published = parsed;
            }

            var name = Field("sourceName");
            var type = Field("sourceType");
            yield return new ImportedReport(number, new ReportInput
            {
                Id = Field("id"),
                Text = text < fields.Count ? fields[text] : null,
                PublishedAt = published,
                Url = Field("url"),
                Source = name is null && type is null ? null : new ReportSourceInput { Name = name, Type = type },
            }, null);
        }
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> ReadRecords(TextReader reader)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    yield return record;
                    record = [];
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }

    private static string Key(string column) => column.Trim().Trim('\uFEFF').Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
