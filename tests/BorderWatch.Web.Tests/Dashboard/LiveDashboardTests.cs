using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using BorderWatch.Core.Crossings;
using BorderWatch.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BorderWatch.Web.Tests.Dashboard;

/// <summary>
/// The live page (/) is rendered once and then fed by the hub: what it renders, and what a real SignalR client
/// receives through <c>SubscribeDashboard</c>.
/// </summary>
public sealed partial class LiveDashboardTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly BorderWatchServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LivePage_RendersEveryCrossingForItsScriptAndStartsNoCircuit()
    {
        var html = await _server.CreateApiClient(withKey: false).GetStringAsync(new Uri("/", UriKind.Relative));

        var markers = JsonDocument.Parse(MarkersJson().Match(html).Groups[1].Value).RootElement;
        Assert.Equal(Gazetteer.Default.Crossings.Count, markers.GetArrayLength());
        Assert.Contains(markers.EnumerateArray(), m => m.GetProperty("slug").GetString() == "upper-lars" && m.GetProperty("lat").GetDouble() > 42);
        Assert.Equal(Gazetteer.Default.Crossings.Count, PanelRows().Matches(html).Count);
        Assert.Contains("Components/Pages/Map/LiveDashboard.razor.js", html, StringComparison.Ordinal);
        // No interactive component: the page opens no Blazor circuit (it would cost the server half a megabyte).
        Assert.DoesNotContain("\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeDashboard_ReadingPosted_ReceivesMarkerAndPanelRowAsTheServerFormatsThem()
    {
        await using var hub = await _server.ConnectHubAsync();
        var updates = Listen(hub, "dashboardUpdate");
        var caughtUp = await hub.InvokeAsync<JsonElement>("SubscribeDashboard", Sequence());

        await _server.PostReadingAsync(new { crossing = "narva", waitHours = 7, queueKm = 1.2, source = new { name = "Estonian Police and Border Guard", type = "official" } });

        var update = await updates.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.False(caughtUp.GetProperty("full").GetBoolean());
        Assert.Empty(caughtUp.GetProperty("updates").EnumerateArray());
        Assert.True(update.GetProperty("sequence").GetInt64() > caughtUp.GetProperty("sequence").GetInt64());
        var marker = update.GetProperty("marker");
        Assert.Equal("narva", marker.GetProperty("slug").GetString());
        Assert.Equal("high", marker.GetProperty("severity").GetString());
        Assert.Equal("7\u00a0h", marker.GetProperty("wait").GetString());
        var row = update.GetProperty("row");
        Assert.Equal(0, row.GetProperty("rank").GetInt32());
        Assert.Equal(7, row.GetProperty("waitHours").GetDouble());
        var html = System.Net.WebUtility.HtmlDecode(row.GetProperty("html").GetString());
        Assert.Contains("data-testid=\"panel-wait-narva\">7\u00a0h", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"panel-queue-narva\">1.2\u00a0km", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeDashboard_PageRenderedBeforeTheReading_CatchUpHoldsWhatThePageMissed()
    {
        var html = await _server.CreateApiClient(withKey: false).GetStringAsync(new Uri("/", UriKind.Relative));
        var rendered = long.Parse(PageSequence().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await _server.PostReadingAsync(new { crossing = "vaalimaa", queueKm = 0.5 });
        await _server.PostReadingAsync(new { crossing = "vaalimaa", queueKm = 0.45 });
        await Eventually.WaitAsync(() => Task.FromResult(Sequence()), s => s >= rendered + 2, Timeout, "both estimate changes");

        await using var hub = await _server.ConnectHubAsync();
        var caughtUp = await hub.InvokeAsync<JsonElement>("SubscribeDashboard", rendered);

        Assert.False(caughtUp.GetProperty("full").GetBoolean());
        // The newest state of each crossing that changed, once.
        var missed = Assert.Single(caughtUp.GetProperty("updates").EnumerateArray());
        Assert.Equal("vaalimaa", missed.GetProperty("row").GetProperty("slug").GetString());
        var current = ((Web.Estimates.EstimateStore)_server.Services.GetService(typeof(Web.Estimates.EstimateStore))!).Get("vaalimaa");
        Assert.Equal(current.QueueKm!.Value, missed.GetProperty("row").GetProperty("queueKm").GetDouble(), 6);
        Assert.True(current.QueueKm < 0.5, "the newer, shorter reading is in the estimate");
    }

    [Theory]
    [InlineData(-1L)] // nothing known
    [InlineData(5L)] // a page rendered by an earlier run of the server
    public async Task SubscribeDashboard_NumberNotFromThisRun_GetsEveryCrossing(long since)
    {
        await using var hub = await _server.ConnectHubAsync();

        var caughtUp = await hub.InvokeAsync<JsonElement>("SubscribeDashboard", since);

        Assert.True(caughtUp.GetProperty("full").GetBoolean());
        Assert.Equal(Gazetteer.Default.Crossings.Count, caughtUp.GetProperty("updates").GetArrayLength());
        Assert.Equal(Sequence(), caughtUp.GetProperty("sequence").GetInt64());
    }

    private long Sequence() => ((Web.Dashboard.DashboardFeed)_server.Services.GetService(typeof(Web.Dashboard.DashboardFeed))!).Sequence;

    private static ChannelReader<JsonElement> Listen(HubConnection hub, string method)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>(method, message => channel.Writer.TryWrite(message));
        return channel.Reader;
    }

    [GeneratedRegex("id=\"bw-map-markers\"[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex MarkersJson();

    [GeneratedRegex("data-testid=\"panel-row-[a-z0-9-]+\"")]
    private static partial Regex PanelRows();

    [GeneratedRegex("data-sequence=\"(\\d+)\"")]
    private static partial Regex PageSequence();
}
