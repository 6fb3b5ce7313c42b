using System.Threading.Channels;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;
using BorderWatch.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace BorderWatch.Web.Tests.Hubs;

/// <summary>A real SignalR .NET client against the real hub on Kestrel.</summary>
public sealed class QueuesHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly BorderWatchServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Subscribe_Crossing_ReceivesReadingAddedAndEstimateChangedAfterPost()
    {
        await using var hub = await _server.ConnectHubAsync();
        var readings = Listen<Reading>(hub, "readingAdded");
        var estimates = Listen<CrossingEstimate>(hub, "estimateChanged");
        await hub.InvokeAsync("Subscribe", "upper-lars");

        var posted = await _server.PostReadingAsync(new { crossing = "upper-lars", vehicles = 3500, queueKm = 14 });

        var reading = await readings.ReadAsync().AsTask().WaitAsync(Timeout);
        var estimate = await estimates.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(posted.Id, reading.Id);
        Assert.Equal(14, reading.QueueKm);
        Assert.Equal("upper-lars", estimate.Crossing);
        Assert.Equal(3500, estimate.Vehicles!.Value, 6);
    }

    [Fact]
    public async Task Subscribe_OtherCrossing_ReceivesNothing()
    {
        await using var hub = await _server.ConnectHubAsync();
        var readings = Listen<Reading>(hub, "readingAdded");
        await hub.InvokeAsync("Subscribe", "narva");

        await _server.PostReadingAsync(new { crossing = "upper-lars", vehicles = 3500 });
        var narva = await _server.PostReadingAsync(new { crossing = "narva", vehicles = 30 });

        // Messages on one connection arrive in order: the first one we see must be Narva's.
        var first = await readings.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(narva.Id, first.Id);
    }

    [Fact]
    public async Task SubscribeAllAndCrossing_ReceivesEachUpdateOnce()
    {
        await using var hub = await _server.ConnectHubAsync();
        var readings = Listen<Reading>(hub, "readingAdded");
        await hub.InvokeAsync("Subscribe", "kyakhta");
        await hub.InvokeAsync("SubscribeAll");
        await hub.InvokeAsync("Subscribe", "kyakhta");

        var first = await _server.PostReadingAsync(new { crossing = "kyakhta", vehicles = 300 });
        var second = await _server.PostReadingAsync(new { crossing = "tashanta", vehicles = 200 });

        Assert.Equal(first.Id, (await readings.ReadAsync().AsTask().WaitAsync(Timeout)).Id);
        Assert.Equal(second.Id, (await readings.ReadAsync().AsTask().WaitAsync(Timeout)).Id);
    }

    [Fact]
    public async Task Unsubscribe_StopsUpdates()
    {
        await using var hub = await _server.ConnectHubAsync();
        var readings = Listen<Reading>(hub, "readingAdded");
        await hub.InvokeAsync("Subscribe", "narva");
        await hub.InvokeAsync("Subscribe", "koidula");
        await hub.InvokeAsync("Unsubscribe", "narva");

        await _server.PostReadingAsync(new { crossing = "narva", vehicles = 10 });
        var koidula = await _server.PostReadingAsync(new { crossing = "koidula", vehicles = 20 });

        Assert.Equal(koidula.Id, (await readings.ReadAsync().AsTask().WaitAsync(Timeout)).Id);
    }

    [Fact]
    public async Task Subscribe_UnknownCrossing_FailsWithAClearMessage()
    {
        await using var hub = await _server.ConnectHubAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "atlantis"));

        Assert.Contains("Unknown crossing 'atlantis'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeEmbed_Crossing_ReturnsCurrentAndReceivesOnlyTrimmedEstimates()
    {
        var before = await _server.PostReadingAsync(new { crossing = "vartius", vehicles = 90, queueKm = 0.6 });
        await using var hub = await _server.ConnectHubAsync();
        var embeds = Listen<System.Text.Json.JsonElement>(hub, "embedEstimate");
        var readings = Listen<Reading>(hub, "readingAdded");
        var estimates = Listen<CrossingEstimate>(hub, "estimateChanged");

        var current = await hub.InvokeAsync<System.Text.Json.JsonElement>("SubscribeEmbed", "vartius");
        await _server.PostReadingAsync(new { crossing = "vartius", vehicles = 120, queueKm = 0.8 });
        var pushed = await embeds.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(before.ObservedAt, current.GetProperty("asOf").GetDateTimeOffset());
        Assert.Equal("vartius", pushed.GetProperty("crossing").GetString());
        Assert.True(pushed.GetProperty("vehicles").GetDouble() > 90);
        // Widgets get the estimate only: no reading ids, no per-direction detail, no readings, no full estimates.
        Assert.False(pushed.TryGetProperty("readingIds", out _));
        Assert.False(pushed.TryGetProperty("directions", out _));
        Assert.False(readings.TryRead(out _));
        Assert.False(estimates.TryRead(out _));
    }

    [Fact]
    public async Task SubscribeEmbed_UnknownCrossing_FailsWithAClearMessage()
    {
        await using var hub = await _server.ConnectHubAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>("SubscribeEmbed", "atlantis"));

        Assert.Contains("Unknown crossing 'atlantis'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeEmbed_BeyondMaxLiveViewers_RefusedSoTheWidgetPollsWhileOtherClientsStillSubscribe()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Embeds:MaxLiveViewers"] = "1" });
        await using var first = await server.ConnectHubAsync();
        await first.InvokeAsync<object>("SubscribeEmbed", "narva");
        await using var second = await server.ConnectHubAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<object>("SubscribeEmbed", "narva"));
        await second.InvokeAsync("Subscribe", "narva");
        await first.DisposeAsync();
        await Eventually.WaitAsync(async () =>
        {
            try
            {
                await second.InvokeAsync<object>("SubscribeEmbed", "narva");
                return true;
            }
            catch (HubException)
            {
                return false;
            }
        }, ok => ok, Timeout, "a viewer's place to free up");

        Assert.Contains("poll", error.Message, StringComparison.Ordinal);
    }

    private static ChannelReader<T> Listen<T>(HubConnection hub, string method)
    {
        var channel = Channel.CreateUnbounded<T>();
        hub.On<T>(method, item => channel.Writer.TryWrite(item));
        return channel.Reader;
    }
}
