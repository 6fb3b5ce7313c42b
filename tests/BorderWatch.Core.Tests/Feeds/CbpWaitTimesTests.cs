using BorderWatch.Core.Feeds;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Tests.Feeds;

public sealed class CbpWaitTimesTests
{
    private static readonly DateTimeOffset Received = new(2022, 9, 26, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Map_SamplePayload_StandardPassengerLanesOfMappedOpenPortsBecomeInboundWaits()
    {
        using var json = FeedSamples.Open("cbp-bwtnew.json");

        var batch = CbpWaitTimes.Default.Map(json, Received);

        Assert.Equal(["san-ysidro", "otay-mesa", "el-paso-bota"], batch.Readings.Select(r => r.Reading.Crossing));
        var sanYsidro = batch.Readings[0].Reading;
        Assert.Equal(1.5, sanYsidro.WaitHours);
        Assert.Equal(ReadingKind.Feed, sanYsidro.Kind);
        Assert.Equal(Direction.Inbound, sanYsidro.Direction);
        Assert.Equal("official", sanYsidro.Source.SourceType);
        Assert.Equal("https://bwt.cbp.gov/details/250401/POV", sanYsidro.Source.Url);
        Assert.Contains("14 lanes open", sanYsidro.Source.Excerpt, StringComparison.Ordinal);
        // 11:00 PDT is 18:00 UTC.
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 18, 0, 0, TimeSpan.Zero), sanYsidro.ObservedAt);
        Assert.Equal(0, batch.Readings[1].Reading.WaitHours);
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 19, 0, 0, TimeSpan.Zero), batch.Readings[1].Reading.ObservedAt);
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 18, 0, 0, TimeSpan.Zero), batch.Readings[2].Reading.ObservedAt);
    }

    [Fact]
    public void Map_ClosedAndPendingPorts_SkippedWithTheReason()
    {
        using var json = FeedSamples.Open("cbp-bwtnew.json");

        var batch = CbpWaitTimes.Default.Map(json, Received);

        Assert.Contains(batch.Skipped, s => s.StartsWith("Tecate", StringComparison.Ordinal) && s.Contains("Closed", StringComparison.Ordinal));
        Assert.Contains(batch.Skipped, s => s.StartsWith("Nogales", StringComparison.Ordinal) && s.Contains("Update Pending", StringComparison.Ordinal));
        Assert.DoesNotContain(batch.Skipped, s => s.Contains("Blaine", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SamePayloadTwice_SameKeys()
    {
        using var first = FeedSamples.Open("cbp-bwtnew.json");
        using var second = FeedSamples.Open("cbp-bwtnew.json");

        Assert.Equal(
            CbpWaitTimes.Default.Map(first, Received).Readings.Select(r => r.Key),
            CbpWaitTimes.Default.Map(second, Received.AddMinutes(5)).Readings.Select(r => r.Key));
    }

    [Fact]
    public void Map_NotAList_InvalidData()
    {
        using var json = new MemoryStream("\"hello\""u8.ToArray());

        Assert.Throws<InvalidDataException>(() => CbpWaitTimes.Default.Map(json, Received));
    }

    [Fact]
    public void Ports_EveryMappedSlug_IsAUsMexicoCrossing() =>
        Assert.All(CbpWaitTimes.Default.Ports, p =>
        {
            var crossing = Core.Crossings.Gazetteer.Default.Find(p.Slug);
            Assert.NotNull(crossing);
            Assert.Equal(["US", "MX"], crossing.Countries);
        });
}
