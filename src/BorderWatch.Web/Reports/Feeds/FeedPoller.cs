using System.Net;
using System.Text.Json;
using BorderWatch.Core.Feeds;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Reports.Sources;
using BorderWatch.Data.Feeds;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Ingest;
using BorderWatch.Web.Startup;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Reports.Feeds;

/// <summary>
/// Polls the configured feeds with conditional GET (If-None-Match / If-Modified-Since), never faster than each feed's
/// interval, and stores what is new: RSS/Atom items as reports (through <see cref="ReportIngest"/>), CBP and Belarus
/// e-queue documents as readings of kind feed (through the ingest pipeline). Items already stored are remembered per
/// feed, so a feed that repeats itself stores nothing twice.
/// </summary>
public sealed class FeedPoller(
    IHttpClientFactory httpClients,
    IOptions<FeedOptions> options,
    FeedStateRepository states,
    ReportIngest reports,
    ReportInputValidator validator,
    IngestPipeline ingest,
    StartupState startup,
    TimeProvider time,
    ILogger<FeedPoller> logger) : BackgroundService
{
    public const string HttpClientName = "BorderWatch.Feeds";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Every feed to poll, from the configuration.</summary>
    public IReadOnlyList<FeedDefinition> Feeds { get; } = Build(options.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Feeds.Count == 0 || !options.Value.PollInBackground)
        {
            return;
        }

        logger.LogInformation("Feed polling on: {Count} feeds", Feeds.Count);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        try
        {
            do
            {
                if (startup.IsReady)
                {
                    await PollAllAsync(force: false, stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Polls every feed that is due (or all of them with <paramref name="force"/>), one after another.</summary>
    public async Task<FeedPollSummary> PollAllAsync(bool force, CancellationToken cancellationToken = default)
    {
        var results = new List<FeedPollResult>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var feed in Feeds)
            {
                var state = await states.GetAsync(feed.StateKey, cancellationToken);
                if (!force && state?.PolledAt is { } last && time.GetUtcNow() - last < feed.PollEvery)
                {
                    continue;
                }

                results.Add(await PollAsync(feed, state, cancellationToken));
            }
        }
        finally
        {
            _gate.Release();
        }

        return new FeedPollSummary(results);
    }

    private async Task<FeedPollResult> PollAsync(FeedDefinition feed, FeedState? state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var status = 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
            if (state?.Etag is { } etag && System.Net.Http.Headers.EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (state?.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                await states.SavePollAsync(feed.StateKey, null, null, now, status, null, 0, CancellationToken.None);
                return new FeedPollResult(feed.Name, feed.Url, status, 0, null);
            }

            response.EnsureSuccessStatusCode();
            await using var body = await ReadLimitedAsync(response, cancellationToken);
            var stored = await StoreAsync(feed, body, now, cancellationToken);
            await states.SavePollAsync(feed.StateKey, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), now, status, null, stored, CancellationToken.None);
            if (stored > 0)
            {
                logger.LogInformation("Feed {Feed}: {Count} new items stored", feed.Name, stored);
            }

            return new FeedPollResult(feed.Name, feed.Url, status, stored, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidDataException or JsonException or System.Xml.XmlException && !cancellationToken.IsCancellationRequested)
        {
            var error = ex is TaskCanceledException ? "no answer before the timeout" : ex.Message;
            logger.LogWarning("Feed {Feed} could not be read: {Error}", feed.Name, error);
            await states.SavePollAsync(feed.StateKey, null, null, now, status, error, 0, CancellationToken.None);
            return new FeedPollResult(feed.Name, feed.Url, status, 0, error);
        }
    }

    private async Task<int> StoreAsync(FeedDefinition feed, Stream body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (feed.Kind)
        {
            case FeedKind.Rss:
            {
                var content = FeedDocument.Parse(body, feed.SourceName, feed.SourceType);
                var unseen = (await states.UnseenAsync(feed.StateKey, [.. content.Items.Select(i => i.Key)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
                var stored = 0;
                foreach (var (key, report) in content.Items.Where(i => unseen.Contains(i.Key)))
                {
                    if (validator.Validate(report).Count > 0)
                    {
                        logger.LogWarning("Feed {Feed}: item {Key} skipped (not a valid report)", feed.Name, key);
                        continue;
                    }

                    await reports.StoreAsync(report, null, CancellationToken.None);
                    stored++;
                }

                await states.MarkSeenAsync(feed.StateKey, unseen, now, CancellationToken.None);
                return stored;
            }

            default:
            {
                var batch = feed.Kind == FeedKind.Cbp ? CbpWaitTimes.Default.Map(body, now) : BelarusQueue.Default.Map(body, now, feed.Url);
                foreach (var skipped in batch.Skipped)
                {
                    logger.LogDebug("Feed {Feed}: {Skipped}", feed.Name, skipped);
                }

                var unseen = (await states.UnseenAsync(feed.StateKey, [.. batch.Readings.Select(r => r.Key)], cancellationToken)).ToHashSet(StringComparer.Ordinal);
                var fresh = batch.Readings.Where(r => unseen.Contains(r.Key)).ToList();
                if (fresh.Count > 0)
                {
                    await ingest.AddManyAsync([.. fresh.Select(r => new ReadingToStore(r.Reading))], CancellationToken.None);
                    await states.MarkSeenAsync(feed.StateKey, [.. fresh.Select(r => r.Key)], now, CancellationToken.None);
                }

                return fresh.Count;
            }
        }
    }

    /// <summary>The body, refused beyond <see cref="FeedOptions.MaxBytes"/> whatever Content-Length claims.</summary>
    private async Task<MemoryStream> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new InvalidDataException($"the feed is larger than {max:N0} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new InvalidDataException($"the feed is larger than {max:N0} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static List<FeedDefinition> Build(FeedOptions options)
    {
        var feeds = new List<FeedDefinition>();
        TimeSpan Every(double? minutes) => TimeSpan.FromMinutes(minutes ?? options.PollMinutes);
        foreach (var rss in options.Rss)
        {
            feeds.Add(new FeedDefinition(FeedKind.Rss, rss.Name ?? new Uri(rss.Url).Host, rss.Url, rss.Url, Every(rss.PollMinutes), rss.Name, rss.SourceType));
        }

        if (options.Cbp.Enabled)
        {
            feeds.Add(new FeedDefinition(FeedKind.Cbp, CbpWaitTimes.SourceName, options.Cbp.Url, options.Cbp.Url, Every(options.Cbp.PollMinutes), CbpWaitTimes.SourceName, "official"));
        }

        if (options.BelarusQueue.Enabled)
        {
            foreach (var checkpoint in BelarusQueue.Default.Checkpoints)
            {
                var url = options.BelarusQueue.Url.Replace("{checkpointId}", Uri.EscapeDataString(checkpoint.Id), StringComparison.Ordinal);
                feeds.Add(new FeedDefinition(FeedKind.BelarusQueue, $"{BelarusQueue.SourceName}: {checkpoint.Name}", url, url, Every(options.BelarusQueue.PollMinutes), BelarusQueue.SourceName, "official"));
            }
        }

        return feeds;
    }
}

public enum FeedKind
{
    Rss,
    Cbp,
    BelarusQueue,
}

/// <summary>One feed to poll.</summary>
/// <param name="Kind">How to read it.</param>
/// <param name="Name">For logs and the status list.</param>
/// <param name="Url">What to GET.</param>
/// <param name="StateKey">Key of its poll state and seen items.</param>
/// <param name="PollEvery">Minimum time between polls.</param>
/// <param name="SourceName">Source name given to its reports; null: the feed's title.</param>
/// <param name="SourceType">Source type given to its reports or readings.</param>
public sealed record FeedDefinition(FeedKind Kind, string Name, string Url, string StateKey, TimeSpan PollEvery, string? SourceName, string SourceType);

/// <summary>One poll.</summary>
/// <param name="Feed">Its name.</param>
/// <param name="Url">Its URL.</param>
/// <param name="Status">HTTP status (304: not modified; 0: no answer).</param>
/// <param name="ItemsStored">New reports or readings stored.</param>
/// <param name="Error">Why it failed.</param>
public sealed record FeedPollResult(string Feed, string Url, int Status, int ItemsStored, string? Error);

/// <summary>What a round of polling did.</summary>
public sealed record FeedPollSummary(IReadOnlyList<FeedPollResult> Feeds)
{
    public int ItemsStored => Feeds.Sum(f => f.ItemsStored);
}
