using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Serialization;

namespace BorderWatch.Cli.Commands;

/// <summary>
/// <c>borderwatch parse --jsonl</c>: report lines <c>{"id","text","publishedAt"}</c> on standard input, one line
/// <c>{"id","readings":[{"crossing","queueKm","vehicles","waitHours","direction","confidence","evidence"}]}</c> each on
/// standard output. Offline: nothing is sent anywhere. <c>--text</c> parses one report given on the command line.
/// </summary>
internal static class ParseCommand
{
    private static readonly JsonSerializerOptions Output = new(BorderWatchJson.Options)
    {
        // Every contract field on every line, null when the report does not give it.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console)
    {
        var jsonl = new Option<bool>("--jsonl") { Description = "Read JSON lines {\"id\",\"text\",\"publishedAt\"} from standard input." };
        var text = new Option<string?>("--text", "-t") { Description = "Parse this one report instead." };
        var command = new Command("parse", "Extract queue readings from report text, offline, as JSON lines.") { jsonl, text };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var single = parse.GetValue(text);
            if (!parse.GetValue(jsonl) && single is null)
            {
                throw new CliException("Give --jsonl (reports on standard input) or --text \"…\".", ExitCodes.Usage);
            }

            var extractor = ReportExtractor.Default;
            if (single is not null)
            {
                await WriteAsync(console, null, extractor.Extract(single));
                return ExitCodes.Ok;
            }

            var failed = 0;
            var number = 0;
            while (await console.In.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                string? problem = null;
                ParseLine? report = null;
                try
                {
                    report = JsonSerializer.Deserialize<ParseLine>(line, BorderWatchJson.Options);
                }
                catch (JsonException ex)
                {
                    problem = $"not a report object: {FirstSentence(ex.Message)}";
                }

                problem ??= report?.Text switch
                {
                    null => "it has no \"text\".",
                    { Length: > ReportLimits.MaxTextLength } => $"text is longer than {ReportLimits.MaxTextLength:N0} characters.",
                    _ => null,
                };
                if (problem is not null)
                {
                    failed++;
                    await console.Error.WriteLineAsync($"borderwatch: line {number}: {problem}");
                    continue;
                }

                await WriteAsync(console, report!.Id, extractor.Extract(report.Text!));
            }

            if (failed > 0)
            {
                await console.Error.WriteLineAsync($"borderwatch: {failed} of {number} lines could not be parsed.");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task WriteAsync(CliConsole console, JsonElement? id, ReportExtraction extraction)
    {
        var line = new ParsedLine(id, [.. extraction.Readings.Select(r => new ParsedReading(
            r.Crossing, r.QueueKm, r.Vehicles, r.WaitHours, r.Direction.Name(), r.Confidence, r.Evidence))]);
        return console.Out.WriteLineAsync(JsonSerializer.Serialize(line, Output));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>An input line. The id is echoed as given (string or number); publishedAt is accepted and not needed offline.</summary>
    private sealed record ParseLine(JsonElement? Id, string? Text, JsonElement? PublishedAt);

    private sealed record ParsedLine(JsonElement? Id, IReadOnlyList<ParsedReading> Readings);

    private sealed record ParsedReading(string Crossing, double? QueueKm, double? Vehicles, double? WaitHours, string Direction, double Confidence, string Evidence);
}
