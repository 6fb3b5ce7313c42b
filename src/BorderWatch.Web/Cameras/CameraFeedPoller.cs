using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Cameras;
using BorderWatch.Web.Images;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Cameras;

/// <summary>What one poll of a camera came to.</summary>
public enum PollOutcome
{
    /// <summary>A new frame was analysed and stored as a reading.</summary>
    Stored,

    /// <summary>A new frame was stored, but the camera has no lane yet, so no reading.</summary>
    StoredWithoutLane,

    /// <summary>Nothing new (304 Not Modified, or the same frame as last time).</summary>
    Unchanged,

    /// <summary>The feed or the image failed; the camera backs off.</summary>
    Failed,
}

/// <summary>
/// Polls every enabled camera feed when it is due: conditional GET (If-None-Match / If-Modified-Since) so an
/// unchanged snapshot or list costs a 304; a new frame is analysed along the camera's lane and stored as an
/// <c>image</c> reading through <see cref="ImageIngest"/>; failures back off exponentially (doubling the poll
/// interval up to <see cref="CameraFeedOptions.MaxBackoffSeconds"/>, honouring Retry-After).
/// </summary>
public sealed class CameraFeedPoller(
    CameraRepository cameras,
    ImageIngest ingest,
    IHttpClientFactory http,
    IOptions<CameraFeedOptions> options,
    TimeProvider time,
    ILogger<CameraFeedPoller> logger) : BackgroundService
{
    public const string HttpClientName = "camera-feeds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PollFeeds)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds), time);
        do
        {
            try
            {
                foreach (var camera in await cameras.ListDueAsync(time.GetUtcNow(), stoppingToken))
                {
                    await PollAsync(camera, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick tries again.
                logger.LogWarning(ex, "Camera feed polling failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Polls one camera now, whatever its schedule, and records the outcome in its feed state.</summary>
    public async Task<PollOutcome> PollAsync(Camera camera, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var state = await cameras.GetFeedStateAsync(camera.Uid, cancellationToken);
        var now = time.GetUtcNow();
        state = state with { LastPolledAt = now };
        try
        {
            var (outcome, next) = await FetchAndStoreAsync(camera, state, cancellationToken);
            await cameras.SaveFeedStateAsync(next with { Failures = 0, LastError = null, NextPollAt = now.AddSeconds(camera.PollSeconds) }, cancellationToken);
            return outcome;
        }
        catch (Exception ex) when (ex is HttpRequestException or FeedException or JsonException or FormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var failures = state.Failures + 1;
            var wait = Math.Min(options.Value.MaxBackoffSeconds, camera.PollSeconds * Math.Pow(2, Math.Min(failures, 10)));
            if (ex is FeedException { RetryAfter: { } retryAfter })
            {
                wait = Math.Max(wait, retryAfter.TotalSeconds);
            }

            // Jitter, so cameras that failed together do not retry together.
            wait *= 0.9 + (Random.Shared.NextDouble() * 0.2);
            var message = ex.Message.Length > 300 ? ex.Message[..300] : ex.Message;
            logger.LogWarning("Camera {Camera} feed failed ({Failures} in a row), next try in {Seconds:0} s: {Message}", camera.Uid, failures, wait, message);
            await cameras.SaveFeedStateAsync(state with { Failures = failures, LastError = message, NextPollAt = now.AddSeconds(wait) }, cancellationToken);
            return PollOutcome.Failed;
        }
    }

    private async Task<(PollOutcome Outcome, FeedState State)> FetchAndStoreAsync(Camera camera, FeedState state, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(HttpClientName);
        var feedUrl = new Uri(camera.FeedUrl ?? throw new FeedException("The camera has no feed URL."));
        byte[] image;
        FeedFrame frame;
        if (camera.FeedFormat == FeedFormats.Snapshot)
        {
            using var response = await GetAsync(client, feedUrl, state, camera.FeedFormat, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return (PollOutcome.Unchanged, state);
            }

            image = await ReadImageAsync(response, cancellationToken);
            var observed = response.Content.Headers.LastModified;
            frame = new FeedFrame(feedUrl, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(image)), observed);
            state = Validators(state, response);
            if (frame.FrameKey == state.FrameKey)
            {
                return (PollOutcome.Unchanged, state);
            }
        }
        else
        {
            using (var response = await GetAsync(client, feedUrl, state, camera.FeedFormat, cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return (PollOutcome.Unchanged, state);
                }

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                var key = camera.FeedKey ?? throw new FeedException("The camera has no feed key (preset id or camera id).");
                frame = (camera.FeedFormat == FeedFormats.Digitraffic
                        ? FeedFormats.ReadDigitraffic(document, key, feedUrl)
                        : FeedFormats.ReadSingapore(document, key, feedUrl))
                    ?? throw new FeedException($"The feed does not list '{key}'.");
                state = Validators(state, response);
            }

            if (frame.FrameKey == state.FrameKey)
            {
                return (PollOutcome.Unchanged, state);
            }

            using var imageResponse = await client.GetAsync(frame.ImageUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            Ensure(imageResponse);
            image = await ReadImageAsync(imageResponse, cancellationToken);
        }

        var success = state with { FrameKey = frame.FrameKey, LastSuccessAt = time.GetUtcNow() };
        var observedAt = frame.ObservedAt is { } at && at <= time.GetUtcNow() + ReadingLimits.FutureTolerance ? at : (DateTimeOffset?)null;
        if (await ingest.CameraLaneAsync(camera.Uid, cancellationToken) is not { } calibrated)
        {
            var (_, refusedFrame) = await ingest.StoreUnanalysedAsync(camera.Crossing, camera.Uid, "frame", image, observedAt, cancellationToken);
            return refusedFrame is null ? (PollOutcome.StoredWithoutLane, success) : throw new FeedException("The frame was refused: " + refusedFrame.Message);
        }

        var (_, refused) = await ingest.StoreAsync(new ImageSubmission
        {
            Image = image,
            Crossing = camera.Crossing,
            Lane = calibrated.Lane,
            Reference = calibrated.Reference,
            CameraUid = camera.Uid,
            ObservedAt = observedAt,
            Direction = ReadingNames.TryParseDirection(camera.Direction, out var direction) ? direction : Direction.Unknown,
            ImageKind = "frame",
            Source = new Provenance(Name: camera.Name, Url: camera.FeedUrl, SourceType: "camera", Excerpt: camera.Attribution),
        }, null, cancellationToken);
        return refused is null ? (PollOutcome.Stored, success) : throw new FeedException("The frame was refused: " + refused.Message);
    }

    private async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, FeedState state, string format, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (state.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var parsed))
        {
            request.Headers.IfNoneMatch.Add(parsed);
        }

        if (state.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        if (format == FeedFormats.Digitraffic)
        {
            request.Headers.Add("Digitraffic-User", options.Value.DigitrafficUser);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotModified)
        {
            try
            {
                Ensure(response);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    private static FeedState Validators(FeedState state, HttpResponseMessage response) => state with
    {
        ETag = response.Headers.ETag?.ToString(),
        LastModified = response.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void Ensure(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var retryAfter = response.Headers.RetryAfter is { } r ? r.Delta ?? (r.Date is { } d ? d - DateTimeOffset.UtcNow : null) : null;
        throw new FeedException($"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri?.Host}", retryAfter);
    }

    private async Task<byte[]> ReadImageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = ingest.MaxImageBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new FeedException($"The frame is larger than {max:N0} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                throw new FeedException($"The frame is larger than {max:N0} bytes.");
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>A feed answered with an error or something unusable.</summary>
public sealed class FeedException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
