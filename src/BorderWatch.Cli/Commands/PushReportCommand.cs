using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Serialization;

namespace BorderWatch.Cli.Commands;

/// <summary>
/// <c>borderwatch push-report --server URL</c>: sends one report (<c>--text</c>, or standard input) to
/// <c>POST /api/reports</c>, or a whole file (<c>--file</c>: JSON lines, CSV or a Telegram Desktop result.json) to
/// <c>POST /api/reports/import</c>. Prints the server's answer as one JSON line.
/// </summary>
internal static class PushReportCommand
{
    public const string ApiKeyVariable = "BORDERWATCH_API_KEY";

    public static Command Create(CliConsole console)
    {
        var server = ServerOption.Create();
        var apiKey = new Option<string?>("--api-key", "-k") { Description = $"Ingest key (default: the {ApiKeyVariable} environment variable)." };
        var text = new Option<string?>("--text", "-t") { Description = "The report text (default: read standard input)." };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Import a file of reports instead of one report." };
        var format = new Option<string?>("--format") { Description = "Format of --file: jsonl, csv or telegram (default: from the extension; .json is telegram)." };
        format.AcceptOnlyFromAmong("jsonl", "csv", "telegram");
        var url = new Option<string?>("--url") { Description = "Link to the original post or article." };
        var sourceName = new Option<string?>("--source-name") { Description = "Who published it (a channel, outlet or authority)." };
        var sourceType = new Option<string?>("--source-type") { Description = "official, media, crowd, agent or camera." };
        var published = new Option<DateTimeOffset?>("--published-at") { Description = "When it was published (ISO 8601)." };
        var channel = new Option<string?>("--channel") { Description = "For Telegram exports: the public channel's @username, for message links." };
        var command = new Command("push-report", "Send a report (or a file of reports) to a BorderWatch server.")
        {
            server, apiKey, text, file, format, url, sourceName, sourceType, published, channel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new CliException($"An ingest key is needed: --api-key or the {ApiKeyVariable} environment variable.", ExitCodes.Usage);
            }

            using var http = new HttpClient { BaseAddress = parse.GetValue(server), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key.Trim());
            HttpResponseMessage response;
            try
            {
                if (parse.GetValue(file) is { } input)
                {
                    response = await ImportAsync(http, input, parse.GetValue(format), parse.GetValue(channel), parse.GetValue(sourceType), cancellationToken);
                }
                else
                {
                    var body = parse.GetValue(text) ?? await console.In.ReadToEndAsync(cancellationToken);
                    if (string.IsNullOrWhiteSpace(body))
                    {
                        throw new CliException("The report is empty: give --text, --file or text on standard input.", ExitCodes.Usage);
                    }

                    var report = new ReportInput
                    {
                        Text = body.Trim(),
                        Url = parse.GetValue(url),
                        PublishedAt = parse.GetValue(published),
                        Source = parse.GetValue(sourceName) is null && parse.GetValue(sourceType) is null
                            ? null
                            : new ReportSourceInput { Name = parse.GetValue(sourceName), Type = parse.GetValue(sourceType) },
                    };
                    response = await http.PostAsJsonAsync("api/reports", report, BorderWatchJson.Options, cancellationToken);
                }
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"Could not reach {parse.GetValue(server)}: {ex.Message}");
            }

            using (response)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException($"The server refused the report ({(int)response.StatusCode}): {Problem(answer)}");
                }

                await console.Out.WriteLineAsync(Compact(answer));
                await console.Error.WriteLineAsync(response.StatusCode == HttpStatusCode.OK && parse.GetValue(file) is null ? "Already known: see \"duplicate\"." : "Stored.");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient http, FileInfo input, string? format, string? channel, string? sourceType, CancellationToken cancellationToken)
    {
        if (!input.Exists)
        {
            throw new CliException($"There is no file '{input.FullName}'.", ExitCodes.Usage);
        }

        format ??= input.Extension.ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => "jsonl",
            ".csv" => "csv",
            ".json" => "telegram",
            _ => throw new CliException($"Cannot tell the format of '{input.Name}'; add --format jsonl|csv|telegram.", ExitCodes.Usage),
        };
        var content = new StreamContent(input.OpenRead());
        content.Headers.ContentType = new MediaTypeHeaderValue(format switch
        {
            "csv" => "text/csv",
            "telegram" => "application/json",
            _ => "application/x-ndjson",
        });
        var query = new StringBuilder($"api/reports/import?format={format}");
        if (channel is not null)
        {
            query.Append("&channel=").Append(Uri.EscapeDataString(channel));
        }

        if (sourceType is not null)
        {
            query.Append("&sourceType=").Append(Uri.EscapeDataString(sourceType));
        }

        return await http.PostAsync(query.ToString(), content, cancellationToken);
    }

    /// <summary>A problem details body as one line a person can act on: the title and each field's message.</summary>
    private static string Problem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var parts = new List<string>();
            if (root.TryGetProperty("title", out var title))
            {
                parts.Add(title.GetString() ?? "");
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString()))}"));
            }
            else if (root.TryGetProperty("detail", out var detail))
            {
                parts.Add(detail.GetString() ?? "");
            }

            return string.Join("; ", parts.Where(p => p.Length > 0));
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }

    private static string Compact(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
