using System.Globalization;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Serialization;

namespace BorderWatch.Core.Tests.Reports;

/// <summary>One labelled report of the corpus (Reports/Corpus/&lt;lang&gt;.jsonl).</summary>
public sealed record CorpusReport(string Id, string Lang, string Text, IReadOnlyList<ExpectedReading> Expect, string? Note);

/// <summary>A labelled reading. Crossing is a slug, or "*AA-BB": any crossing of that country pair, waiting for review.</summary>
public sealed record ExpectedReading(string Crossing, double? QueueKm, double? Vehicles, double? WaitHours, string? Direction, string? Status);

/// <summary>
/// Scores the extractor on the corpus. A fact is (report, crossing, quantity, value): precision is the share of
/// extracted facts that are labelled, recall the share of labelled facts that were extracted. Directions and review
/// status are scored separately on the readings that match.
/// </summary>
public sealed class CorpusEvaluation
{
    private readonly Dictionary<string, Counts> _byLanguage = new(StringComparer.Ordinal);

    public List<string> Mistakes { get; } = [];
    public int Reports { get; private set; }
    public int DirectionsLabelled { get; private set; }
    public int DirectionsRight { get; private set; }
    public int StatusesLabelled { get; private set; }
    public int StatusesRight { get; private set; }

    public IReadOnlyDictionary<string, Counts> ByLanguage => _byLanguage;

    public Counts Overall => new(_byLanguage.Values.Sum(c => c.TruePositives), _byLanguage.Values.Sum(c => c.Extracted), _byLanguage.Values.Sum(c => c.Labelled), _byLanguage.Values.Sum(c => c.ReportCount));

    public static IReadOnlyList<CorpusReport> Load(string directory)
    {
        var reports = new List<CorpusReport>();
        foreach (var file in Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var lang = Path.GetFileNameWithoutExtension(file);
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var entry = JsonSerializer.Deserialize<CorpusLine>(line, BorderWatchJson.Options)
                    ?? throw new InvalidDataException($"{file}:{lineNumber} is empty");
                reports.Add(new CorpusReport(entry.Id, lang, entry.Text, entry.Expect, entry.Note));
            }
        }

        return reports;
    }

    public static CorpusEvaluation Run(ReportExtractor extractor, IEnumerable<CorpusReport> reports)
    {
        var evaluation = new CorpusEvaluation();
        foreach (var report in reports)
        {
            evaluation.Score(report, extractor.Extract(report.Text));
        }

        return evaluation;
    }

    private void Score(CorpusReport report, ReportExtraction extraction)
    {
        Reports++;
        if (!_byLanguage.TryGetValue(report.Lang, out var counts))
        {
            counts = new Counts(0, 0, 0, 0);
        }

        var expected = report.Expect.SelectMany(e => Facts(e)).ToList();
        var extracted = extraction.Readings.SelectMany(r => Facts(r)).ToList();
        var matchedExpected = new HashSet<int>();
        var truePositives = 0;
        foreach (var (reading, field, value) in extracted)
        {
            var index = expected.FindIndex(e => !matchedExpected.Contains(expected.IndexOf(e)) && e.Field == field && Close(e.Value, value) && SameCrossing(e.Reading.Crossing, reading));
            if (index >= 0)
            {
                matchedExpected.Add(index);
                truePositives++;
            }
            else
            {
                Mistakes.Add($"{report.Id} extra: {reading.Crossing} {field}={value.ToString(CultureInfo.InvariantCulture)} ({reading.Status.Name()}) — {Shorten(report.Text)}");
            }
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (!matchedExpected.Contains(i))
            {
                var (reading, field, value) = expected[i];
                Mistakes.Add($"{report.Id} missed: {reading.Crossing} {field}={value.ToString(CultureInfo.InvariantCulture)} — {Shorten(report.Text)}");
            }
        }

        foreach (var label in report.Expect)
        {
            var match = extraction.Readings.FirstOrDefault(r => SameCrossing(label.Crossing, r));
            if (match is null)
            {
                continue;
            }

            if (label.Direction is { } direction)
            {
                DirectionsLabelled++;
                if (match.Direction.Name() == direction)
                {
                    DirectionsRight++;
                }
                else
                {
                    Mistakes.Add($"{report.Id} direction: {match.Direction.Name()} instead of {direction}");
                }
            }

            if (label.Status is { } status)
            {
                StatusesLabelled++;
                if (match.Status.Name() == status)
                {
                    StatusesRight++;
                }
                else
                {
                    Mistakes.Add($"{report.Id} status: {match.Status.Name()} instead of {status}");
                }
            }
        }

        _byLanguage[report.Lang] = new Counts(counts.TruePositives + truePositives, counts.Extracted + extracted.Count, counts.Labelled + expected.Count, counts.ReportCount + 1);
    }

    private static bool SameCrossing(string label, ExtractedReading reading)
    {
        if (!label.StartsWith('*'))
        {
            return label == reading.Crossing;
        }

        var pair = label[1..].Split('-');
        var crossing = Gazetteer.Default.Find(reading.Crossing);
        return crossing is not null && pair.All(crossing.Countries.Contains) && reading.Status == ReadingStatus.Pending;
    }

    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= Math.Max(0.01, Math.Abs(expected) * 0.02);

    private static IEnumerable<(ExpectedReading Reading, string Field, double Value)> Facts(ExpectedReading reading) =>
        Facts(reading.QueueKm, reading.Vehicles, reading.WaitHours).Select(f => (reading, f.Field, f.Value));

    private static IEnumerable<(ExtractedReading Reading, string Field, double Value)> Facts(ExtractedReading reading) =>
        Facts(reading.QueueKm, reading.Vehicles, reading.WaitHours).Select(f => (reading, f.Field, f.Value));

    private static IEnumerable<(string Field, double Value)> Facts(double? km, double? vehicles, double? hours)
    {
        if (km is { } k)
        {
            yield return ("queueKm", k);
        }

        if (vehicles is { } v)
        {
            yield return ("vehicles", v);
        }

        if (hours is { } h)
        {
            yield return ("waitHours", h);
        }
    }

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "…";

    /// <summary>A table of precision, recall and F1 by language, overall last.</summary>
    public string Table()
    {
        var builder = new StringBuilder();
        builder.AppendLine("| language | reports | labelled facts | extracted facts | precision | recall | F1 |");
        builder.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (lang, counts) in _byLanguage.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            builder.AppendLine(Row(lang, counts));
        }

        builder.AppendLine(Row("**overall**", Overall));
        builder.AppendLine();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Direction right on {DirectionsRight} of {DirectionsLabelled} labelled directions; review status right on {StatusesRight} of {StatusesLabelled} labelled statuses.");
        return builder.ToString();
    }

    private static string Row(string name, Counts c) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {c.ReportCount} | {c.Labelled} | {c.Extracted} | {c.Precision:0.000} | {c.Recall:0.000} | {c.F1:0.000} |");

    public sealed record Counts(int TruePositives, int Extracted, int Labelled, int ReportCount)
    {
        public double Precision => Extracted == 0 ? 1 : (double)TruePositives / Extracted;
        public double Recall => Labelled == 0 ? 1 : (double)TruePositives / Labelled;
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    }

    private sealed record CorpusLine(string Id, string Text, List<ExpectedReading> Expect, string? Note);
}
