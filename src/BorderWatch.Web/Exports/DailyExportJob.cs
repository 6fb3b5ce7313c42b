using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Summaries;
using BorderWatch.Data.Exports;
using BorderWatch.Data.Summaries;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Exports.Formats;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Exports;

/// <summary>
/// Exports one local day's summary of every crossing to the export folder, in each configured format plus a
/// provenance sidecar, each file written under a temporary name and renamed into place; then POSTs the JSON summary to
/// the webhook, if one is configured. A failed attempt is retried; every run is recorded for the Exports page.
/// </summary>
public sealed class DailyExportJob(
    DailySummaryRepository summaries,
    ExportRunRepository runs,
    Gazetteer gazetteer,
    IOptions<ExportOptions> options,
    IHttpClientFactory httpClients,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DailyExportJob> logger)
{
    public const string WebhookClient = "exports-webhook";
    public const string ScheduleTrigger = "schedule";
    public const string ManualTrigger = "manual";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableArray<Action> _listeners = [];

    /// <summary>The export folder as an absolute path.</summary>
    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Directory));

    /// <summary>Calls <paramref name="listener"/> whenever a run starts, retries or ends, until disposed.</summary>
    public IDisposable OnRunsChanged(Action listener)
    {
        ImmutableInterlocked.Update(ref _listeners, list => list.Add(listener));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _listeners, list => list.Remove(listener)));
    }

    /// <summary>Runs the export of <paramref name="date"/> (one run at a time) and returns its record.</summary>
    public async Task<ExportRun> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var settings = options.Value;
            var id = await runs.StartAsync(trigger, date, time.GetUtcNow(), CancellationToken.None);
            Notify();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (rows, files, webhook) = await AttemptAsync(date, settings, cancellationToken);
                    await runs.FinishAsync(id, ExportRun.Succeeded, time.GetUtcNow(), attempt, rows, files, webhook, null, CancellationToken.None);
                    logger.LogInformation("Daily export of {Date} written: {Files} files, {Rows} rows", date, files.Count, rows);
                    return await ResultAsync(id);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var error = Describe(ex);
                    logger.LogWarning("Daily export of {Date}, attempt {Attempt} of {Max}, failed: {Error}", date, attempt, settings.MaxAttempts, error);
                    if (attempt >= settings.MaxAttempts)
                    {
                        await runs.FinishAsync(id, ExportRun.Failed, time.GetUtcNow(), attempt, null, [], (ex as WebhookException)?.Status, error, CancellationToken.None);
                        return await ResultAsync(id);
                    }

                    await runs.RecordAttemptAsync(id, attempt, error, CancellationToken.None);
                    Notify();
                    await Task.Delay(TimeSpan.FromSeconds(settings.RetryDelaySeconds), time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    await runs.FinishAsync(id, ExportRun.Failed, time.GetUtcNow(), attempt, null, [], null, "Cancelled: the server is stopping.", CancellationToken.None);
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
            Notify();
        }
    }

    private async Task<(int Rows, List<string> Files, int? Webhook)> AttemptAsync(DateOnly date, ExportOptions settings, CancellationToken cancellationToken)
    {
        // One snapshot for every file of the run; one day of every crossing is a few dozen rows.
        List<DailySummary> rows = [];
        SummaryProvenance provenance;
        await using (var export = await summaries.OpenAsync(new SummaryQuery(date, date), time.GetUtcNow(), SummaryOrder.ByCrossing, withSources: true, cancellationToken))
        {
            provenance = export.Provenance;
            await foreach (var row in export.ReadAsync(cancellationToken))
            {
                rows.Add(row);
            }
        }

        var files = new List<string>();
        foreach (var format in settings.FormatList)
        {
            var name = SummaryFormats.FileName(date, date, null, format.Name());
            await AtomicFile.WriteAsync(
                Path.Combine(Directory, name),
                (stream, token) => SummaryFormats.WriteAsync(format, provenance, rows.ToAsyncEnumerable(), gazetteer.Crossings, stream, settings.Hxl, token),
                cancellationToken);
            files.Add(name);
        }

        var sidecar = SummaryFormats.FileName(date, date, null, "provenance.json");
        await AtomicFile.WriteAsync(Path.Combine(Directory, sidecar), (stream, token) => SummaryFormats.WriteProvenanceAsync(provenance, stream, token), cancellationToken);
        files.Add(sidecar);

        int? webhook = null;
        if (!string.IsNullOrEmpty(settings.WebhookUrl))
        {
            webhook = await PostAsync(date, provenance, rows, settings, cancellationToken);
        }

        return (rows.Count, files, webhook);
    }

    private async Task<int> PostAsync(DateOnly date, SummaryProvenance provenance, List<DailySummary> rows, ExportOptions settings, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await SummaryFormats.WriteJsonAsync(provenance, rows.ToAsyncEnumerable(), body, cancellationToken);
        var bytes = body.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-BorderWatch-Event", "daily-summary");
        request.Headers.Add("X-BorderWatch-Date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            var signature = HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings.WebhookSecret), bytes);
            request.Headers.Add("X-BorderWatch-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.WebhookTimeoutSeconds));
        using var client = httpClients.CreateClient(WebhookClient);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? (int)response.StatusCode
                : throw new WebhookException((int)response.StatusCode, $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookException(null, $"The webhook did not answer within {settings.WebhookTimeoutSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            // The message names host and port only, never the path or query where tokens live.
            throw new WebhookException(null, $"The webhook could not be reached ({ex.HttpRequestError}).");
        }
    }

    /// <summary>An error for the run history: no absolute paths, no webhook URL, no personal data.</summary>
    private string Describe(Exception ex) => ex switch
    {
        WebhookException webhook => webhook.Message,
        IOException or UnauthorizedAccessException => $"Writing to the export folder failed ({ex.GetType().Name}): "
            + ex.Message.Replace(Directory, "<export folder>", StringComparison.Ordinal),
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private async Task<ExportRun> ResultAsync(long id) =>
        (await runs.ListAsync(50, CancellationToken.None)).First(r => r.Id == id);

    private void Notify()
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "An export run listener failed");
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }

    private sealed class WebhookException(int? status, string message) : Exception(message)
    {
        public int? Status { get; } = status;
    }
}
