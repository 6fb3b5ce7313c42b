using System.Globalization;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Testing;
using BorderWatch.Web.Reports.Feeds;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Reports;

/// <summary>The real poller against a real local HTTP server serving the sample payloads.</summary>
public sealed class FeedPollerTests : IAsyncLifetime
{
    private const string BrestZone = "a9173a85-3fc0-424c-84f0-defa632481e4";
    private SampleFeedServer _feeds = default!;
    private BorderWatchServer _server = default!;

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public async Task InitializeAsync()
    {
        _feeds = await SampleFeedServer.StartAsync();
        _server = new BorderWatchServer(new Dictionary<string, string?>
        {
            ["Feeds:Rss:0:Url"] = _feeds.Url("news/rss.xml").ToString(),
            ["Feeds:Rss:0:SourceType"] = "media",
            ["Feeds:Rss:1:Url"] = _feeds.Url("raja/atom.xml").ToString(),
            ["Feeds:Rss:1:Name"] = "Raja (sample)",
            ["Feeds:Rss:1:SourceType"] = "official",
            ["Feeds:Cbp:Enabled"] = "true",
            ["Feeds:Cbp:Url"] = _feeds.Url("api/bwtnew").ToString(),
            ["Feeds:BelarusQueue:Enabled"] = "true",
            ["Feeds:BelarusQueue:Url"] = _feeds.Url("info/monitoring-new?token=test&checkpointId={checkpointId}").ToString(),
            // The tests poll by hand: a background poll racing them would store the items first.
            ["Feeds:PollInBackground"] = "false",
        });
        _ = _server.Address;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _feeds.DisposeAsync();
    }

    private FeedPoller Poller => _server.Services.GetRequiredService<FeedPoller>();

    [Fact]
    public async Task PollAll_RssThenUnchanged_StoresOnceAndSendsTheValidatorBack()
    {
        _feeds.ServeFile("news/rss.xml", Sample("rss.xml"), "application/rss+xml");
        _feeds.ServeFile("raja/atom.xml", Sample("atom.xml"), "application/atom+xml");

        var first = await Poller.PollAllAsync(force: true);
        var second = await Poller.PollAllAsync(force: true);

        Assert.Equal(2, first.Feeds.Single(f => f.Url.EndsWith("rss.xml", StringComparison.Ordinal)).ItemsStored);
        Assert.Equal(304, second.Feeds.Single(f => f.Url.EndsWith("rss.xml", StringComparison.Ordinal)).Status);
        Assert.Contains(_feeds.Requests, r => r.Path == "/news/rss.xml" && r.IfNoneMatch is not null);
        Assert.Equal(3, await _server.CountAsync("SELECT COUNT(*) FROM reports"));
        using var client = _server.CreateApiClient();
        var upperLars = await client.EstimateAsync("upper-lars");
        Assert.Equal(20, upperLars.GetProperty("queueKm").GetDouble());
        var raja = await client.GetFromJsonAsync<JsonElement[]>("api/crossings/vaalimaa/readings");
        var fromAtom = Assert.Single(raja!);
        Assert.Equal("official", fromAtom.GetProperty("source").GetProperty("sourceType").GetString());
        Assert.Equal("Raja (sample)", fromAtom.GetProperty("source").GetProperty("name").GetString());
    }

    [Fact]
    public async Task PollAll_ChangedRssWithTheSameItems_StoresNothingNew()
    {
        _feeds.ServeFile("news/rss.xml", Sample("rss.xml"), "application/rss+xml");
        await Poller.PollAllAsync(force: true);
        // The publisher touches the document (new ETag) without new items.
        _feeds.Serve("news/rss.xml", Encoding.UTF8.GetBytes(File.ReadAllText(Sample("rss.xml")).Replace("Sample feed", "Sample feed, edited", StringComparison.Ordinal)), "application/rss+xml");

        var second = await Poller.PollAllAsync(force: true);

        Assert.Equal(0, second.Feeds.Single(f => f.Url.EndsWith("rss.xml", StringComparison.Ordinal)).ItemsStored);
        Assert.Equal(2, await _server.CountAsync("SELECT COUNT(*) FROM reports"));
    }

    [Fact]
    public async Task PollAll_CbpFeed_InboundWaitsOfKindFeed()
    {
        // Every update of the sample half an hour ago, in its own zone: a time left as it is ("At Noon PDT") would be in
        // the future whenever the test runs before noon in California, and such updates are rightly refused.
        var halfAnHourAgo = DateTimeOffset.UtcNow.AddMinutes(-30);
        var pacific = TimeZoneInfo.ConvertTime(halfAnHourAgo, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        var mountain = TimeZoneInfo.ConvertTime(halfAnHourAgo, TimeZoneInfo.FindSystemTimeZoneById("America/Denver"));
        var payload = File.ReadAllText(Sample("cbp-bwtnew.json"))
            .Replace("9/26/2022", pacific.ToString("M/d/yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("At 11:00 am PDT", At(pacific, pacific.Offset == TimeSpan.FromHours(-7) ? "PDT" : "PST"), StringComparison.Ordinal)
            .Replace("At Noon PDT", At(pacific, pacific.Offset == TimeSpan.FromHours(-7) ? "PDT" : "PST"), StringComparison.Ordinal)
            .Replace("At 12:00 pm MDT", At(mountain, mountain.Offset == TimeSpan.FromHours(-6) ? "MDT" : "MST"), StringComparison.Ordinal);
        _feeds.Serve("api/bwtnew", Encoding.UTF8.GetBytes(payload), "application/json");

        var first = await Poller.PollAllAsync(force: true);
        _feeds.Serve("api/bwtnew", Encoding.UTF8.GetBytes(payload + " "), "application/json");
        var second = await Poller.PollAllAsync(force: true);

        Assert.Equal(3, first.Feeds.Single(f => f.Url.EndsWith("bwtnew", StringComparison.Ordinal)).ItemsStored);
        Assert.Equal(0, second.Feeds.Single(f => f.Url.EndsWith("bwtnew", StringComparison.Ordinal)).ItemsStored);
        using var client = _server.CreateApiClient();
        var estimate = await client.EstimateAsync("san-ysidro");
        Assert.Equal(1.5, estimate.GetProperty("waitHours").GetDouble());
        Assert.Equal("inbound", estimate.GetProperty("direction").GetString());
        Assert.Equal(3, await _server.CountAsync("SELECT COUNT(*) FROM readings WHERE kind = 'feed'"));
    }

    private static string At(DateTimeOffset local, string zone) =>
        $"At {local.ToString("h:mm tt", CultureInfo.InvariantCulture).ToLowerInvariant()} {zone}";

    [Fact]
    public async Task PollAll_BelarusQueue_MappedZoneStoredOthersRecordedAsFailed()
    {
        var payload = File.ReadAllText(Sample("belarus-monitoring-brest.json"))
            .Replace("26.09.2022", DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddHours(-6).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        _feeds.Serve($"info/monitoring-new?token=test&checkpointId={BrestZone}", Encoding.UTF8.GetBytes(payload), "application/json");

        var summary = await Poller.PollAllAsync(force: true);

        var brest = summary.Feeds.Single(f => f.Url.Contains(BrestZone, StringComparison.Ordinal));
        Assert.Equal(1, brest.ItemsStored);
        Assert.Contains(summary.Feeds, f => f.Url.Contains("checkpointId=", StringComparison.Ordinal) && f.Status == 404 && f.Error is not null);
        using var client = _server.CreateApiClient();
        Assert.Equal(6, (await client.EstimateAsync("terespol")).GetProperty("vehicles").GetDouble());
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM readings WHERE excerpt LIKE '%SAMPLE%'"));
        var states = await client.GetFromJsonAsync<JsonElement[]>("api/feeds");
        Assert.Contains(states!, s => s.GetProperty("url").GetString()!.Contains(BrestZone, StringComparison.Ordinal) && s.GetProperty("lastPoll").GetProperty("status").GetInt32() == 200);
    }

    [Fact]
    public async Task PollAll_FeedLargerThanTheLimit_RefusedAndRecorded()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?>
        {
            ["Feeds:Rss:0:Url"] = _feeds.Url("big.xml").ToString(),
            ["Feeds:MaxBytes"] = "2048",
            ["Feeds:PollInBackground"] = "false",
        });
        _feeds.Serve("big.xml", Encoding.UTF8.GetBytes("<rss><channel>" + new string(' ', 10_000) + "</channel></rss>"), "application/rss+xml");

        var summary = await server.Services.GetRequiredService<FeedPoller>().PollAllAsync(force: true);

        Assert.Contains("larger than", Assert.Single(summary.Feeds).Error, StringComparison.Ordinal);
    }
}
