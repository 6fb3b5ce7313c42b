using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Data.Cameras;
using BorderWatch.Testing;
using BorderWatch.Web.Cameras;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Cameras;

public sealed class CameraFeedPollerTests : IAsyncLifetime
{
    private readonly CameraFeedServer _feeds = new();
    private readonly BorderWatchServer _server = new(new Dictionary<string, string?> { ["Cameras:PollFeeds"] = "false" });
    private HttpClient _client = default!;
    private (byte[] Jpeg, Vision.Synthesis.SceneTruth Truth, byte[] EmptyRoad) _scene;

    public Task InitializeAsync()
    {
        _client = _server.CreateApiClient();
        _scene = TestScenes.Generate(8);
        _feeds.Frame = _scene.Jpeg;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _feeds.DisposeAsync();
    }

    private CameraFeedPoller Poller => _server.Services.GetRequiredService<CameraFeedPoller>();

    [Fact]
    public async Task Poll_DigitrafficStation_FirstFrameWaitsForALaneThenNewFramesBecomeImageReadings()
    {
        var camera = await AddCameraAsync("fi-vaalimaa-1", "vaalimaa", "digitraffic", new Uri(_feeds.Address, "api/weathercam/v1/stations/C01503"), "C0150301");

        Assert.Equal(PollOutcome.StoredWithoutLane, await Poller.PollAsync(camera, default));
        await CalibrateAsync(camera.Uid);
        Assert.Equal(PollOutcome.Unchanged, await Poller.PollAsync(camera, default));
        _feeds.FrameTime = DateTimeOffset.UtcNow.AddSeconds(-30);

        Assert.Equal(PollOutcome.Stored, await Poller.PollAsync(camera, default));

        var reading = Assert.Single(await ReadingsAsync("vaalimaa"));
        Assert.Equal(ReadingKind.Image, reading.Kind);
        Assert.Equal("camera", reading.Source.SourceType);
        Assert.NotNull(reading.Source.ImageId);
        Assert.Equal(_feeds.FrameTime.ToUnixTimeSeconds(), reading.ObservedAt.ToUnixTimeSeconds());
        Assert.Contains(_feeds.Requests, r => r.StartsWith("/api/weathercam/v1/stations/C01503|", StringComparison.Ordinal) && r.EndsWith("|BorderWatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poll_SingaporeTrafficImages_FindsTheCameraByIdAndStoresItsFrame()
    {
        var camera = await AddCameraAsync("sg-2701", "woodlands", "singapore", new Uri(_feeds.Address, "v1/transport/traffic-images"), "2701");
        Assert.Equal(PollOutcome.StoredWithoutLane, await Poller.PollAsync(camera, default));
        await CalibrateAsync(camera.Uid);
        _feeds.FrameVersion = 2;

        Assert.Equal(PollOutcome.Stored, await Poller.PollAsync(camera, default));

        Assert.Contains(_feeds.Requests, r => r.StartsWith("/sg/2701-2.jpg", StringComparison.Ordinal));
        var reading = Assert.Single(await ReadingsAsync("woodlands"));
        Assert.Equal("Camera sg-2701", reading.Source.Name);
    }

    [Fact]
    public async Task Poll_SnapshotUnchanged_AsksWithIfNoneMatchAndStoresNothingNew()
    {
        var camera = await AddCameraAsync("snap-1", "narva", "snapshot", new Uri(_feeds.Address, "snapshot.jpg"), null);
        await Poller.PollAsync(camera, default);
        await CalibrateAsync(camera.Uid);
        _feeds.FrameVersion = 2;
        _feeds.Frame = TestScenes.Generate(9).Jpeg;
        Assert.Equal(PollOutcome.Stored, await Poller.PollAsync(camera, default));

        Assert.Equal(PollOutcome.Unchanged, await Poller.PollAsync(camera, default));

        Assert.Contains(_feeds.Requests, r => r.StartsWith("/snapshot.jpg|\"", StringComparison.Ordinal));
        Assert.Single(await ReadingsAsync("narva"));
    }

    [Fact]
    public async Task Poll_FeedFailing_BacksOffHonouringRetryAfter()
    {
        var camera = await AddCameraAsync("broken", "narva", "snapshot", new Uri(_feeds.Address, "broken.jpg"), null, pollSeconds: 10);
        var repository = _server.Services.GetRequiredService<CameraRepository>();

        Assert.Equal(PollOutcome.Failed, await Poller.PollAsync(camera, default));
        var first = await repository.GetFeedStateAsync(camera.Uid);
        Assert.Equal(PollOutcome.Failed, await Poller.PollAsync(camera, default));
        var second = await repository.GetFeedStateAsync(camera.Uid);

        Assert.Equal((1, 2), (first.Failures, second.Failures));
        Assert.Contains("503", second.LastError, StringComparison.Ordinal);
        // Retry-After: 120 beats 10 s × 2¹; with ±10 % jitter.
        Assert.InRange((first.NextPollAt - first.LastPolledAt!.Value).TotalSeconds, 107, 133);
        Assert.Empty(await repository.ListDueAsync(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task BackgroundPoller_CameraAddedThroughApi_IsPolledWithoutBeingAsked()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Cameras:TickSeconds"] = "0.2" });
        using var client = server.CreateApiClient();
        using var response = await client.PostAsJsonAsync("api/cameras", new
        {
            uid = "sg-4703", crossing = "tuas", name = "Tuas Second Link", feedFormat = "singapore",
            feedUrl = new Uri(_feeds.Address, "v1/transport/traffic-images").ToString(), feedKey = "4703", pollSeconds = 60,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await Eventually.WaitAsync(
            () => Task.FromResult(_feeds.Requests.Any(r => r.StartsWith("/sg/4703-", StringComparison.Ordinal))),
            done => done, TimeSpan.FromSeconds(15), "the poller to fetch camera 4703's frame");
        var state = await Eventually.WaitAsync(
            () => server.Services.GetRequiredService<CameraRepository>().GetFeedStateAsync("sg-4703"),
            s => s.LastSuccessAt is not null, TimeSpan.FromSeconds(15), "the frame to be stored");
        Assert.Equal(0, state.Failures);
    }

    [Fact]
    public async Task PostCamera_DigitrafficWithoutPreset_Returns400NamingFeedKey()
    {
        using var response = await _client.PostAsJsonAsync("api/cameras", new { crossing = "vaalimaa", name = "x", feedFormat = "digitraffic", feedUrl = "https://example.org/s" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("feedKey", out _));
    }

    private async Task<Camera> AddCameraAsync(string uid, string crossing, string format, Uri url, string? key, int pollSeconds = 60)
    {
        using var response = await _client.PostAsJsonAsync("api/cameras", new { uid, crossing, name = $"Camera {uid}", feedFormat = format, feedUrl = url.ToString(), feedKey = key, pollSeconds });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await _server.Services.GetRequiredService<CameraRepository>().GetAsync(uid))!;
    }

    private async Task CalibrateAsync(string uid)
    {
        using var response = await _client.PutAsJsonAsync($"api/cameras/{uid}/lane", new { lane = _scene.Truth.Lane.FormatPoints(), laneWidth = _scene.Truth.Lane.FormatWidths() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Reading[]> ReadingsAsync(string crossing) =>
        (await _client.GetFromJsonAsync<Reading[]>($"api/crossings/{crossing}/readings", BorderWatchJson.Options))!;
}
