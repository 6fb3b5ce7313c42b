using BorderWatch.Core.Feeds;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Tests.Feeds;

public sealed class BelarusQueueTests
{
    // 12:00 Minsk time.
    private static readonly DateTimeOffset Received = new(2022, 9, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Map_SampleZone_CountsWaitingVehiclesAndTheFirstCarsWait()
    {
        using var json = FeedSamples.Open("belarus-monitoring-brest.json");

        var reading = Assert.Single(BelarusQueue.Default.Map(json, Received, "https://example.org/queue").Readings).Reading;

        Assert.Equal("terespol", reading.Crossing);
        // 3 cars waiting (one called, one cancelled), 2 lorries, 1 bus.
        Assert.Equal(6, reading.Vehicles);
        // The first waiting car registered at 08:00 Minsk: 4 hours before noon.
        Assert.Equal(4, reading.WaitHours);
        Assert.Equal(Direction.Inbound, reading.Direction);
        Assert.Equal(ReadingKind.Feed, reading.Kind);
        Assert.Equal("Брест: 3 cars, 2 lorries, 1 buses, 0 motorcycles waiting; first car registered 08:00 26.09 (Minsk)", reading.Source.Excerpt);
    }

    [Fact]
    public void Map_Sample_NeverCarriesLicencePlates()
    {
        using var json = FeedSamples.Open("belarus-monitoring-brest.json");

        var batch = BelarusQueue.Default.Map(json, Received);

        Assert.DoesNotContain("SAMPLE", batch.Readings[0].Reading.Source.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("SAMPLE", batch.Readings[0].Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_UnmappedZone_SkippedWithItsName()
    {
        using var json = new MemoryStream("""{"info":{"id":"00000000-0000-0000-0000-000000000000","name":"Брузги"},"carLiveQueue":[]}"""u8.ToArray());

        var batch = BelarusQueue.Default.Map(json, Received);

        Assert.Empty(batch.Readings);
        Assert.Contains("Брузги", Assert.Single(batch.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_EveryMappedSlug_IsABelarusCrossing() =>
        Assert.All(BelarusQueue.Default.Checkpoints, c => Assert.Contains("BY", Core.Crossings.Gazetteer.Default.Find(c.Slug)!.Countries));
}
