using BorderWatch.Data.Feeds;

namespace BorderWatch.Data.Tests.Feeds;

public sealed class FeedStateRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();
    private FeedStateRepository _feeds = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _feeds = new FeedStateRepository(_db.Database);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task SavePoll_NotModifiedAfterOk_KeepsTheValidatorsAndCountsItems()
    {
        await _feeds.SavePollAsync("https://example.org/rss", "\"v1\"", "Sat, 24 Sep 2022 10:00:00 GMT", Noon, 200, null, 3);
        await _feeds.SavePollAsync("https://example.org/rss", null, null, Noon.AddMinutes(5), 304, null, 0);

        var state = await _feeds.GetAsync("https://example.org/rss");

        Assert.Equal("\"v1\"", state!.Etag);
        Assert.Equal("Sat, 24 Sep 2022 10:00:00 GMT", state.LastModified);
        Assert.Equal(304, state.Status);
        Assert.Equal(3, state.ItemsStored);
        Assert.Equal(Noon.AddMinutes(5), state.PolledAt);
    }

    [Fact]
    public async Task Unseen_AfterMarkSeen_OnlyNewKeysPerFeed()
    {
        await _feeds.MarkSeenAsync("a", ["1", "2"], Noon);

        Assert.Equal(["3"], await _feeds.UnseenAsync("a", ["1", "2", "3"]));
        Assert.Equal(["1"], await _feeds.UnseenAsync("b", ["1"]));
    }

    [Fact]
    public async Task MarkSeen_MonthsLater_ForgetsOldKeys()
    {
        await _feeds.MarkSeenAsync("a", ["old"], Noon);
        await _feeds.MarkSeenAsync("a", ["new"], Noon + FeedStateRepository.ItemMemory + TimeSpan.FromDays(1));

        Assert.Equal(["old"], await _feeds.UnseenAsync("a", ["old", "new"]));
    }
}
