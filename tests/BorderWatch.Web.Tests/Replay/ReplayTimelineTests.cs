using BorderWatch.Core.Crossings;
using BorderWatch.Core.Demo;
using BorderWatch.Core.Estimates;
using BorderWatch.Data.Readings;
using BorderWatch.Testing;
using BorderWatch.Web.Replay;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Replay;

/// <summary>The replay recomputes past estimates from the database; they must equal what fusion makes of the same readings.</summary>
public sealed class ReplayTimelineTests
{
    [Fact]
    public async Task EstimateAt_DemoPeriod_EqualsFusionOfTheReadingsStoredUntilThen()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        _ = server.Address;
        var history = server.Services.GetRequiredService<ReadingHistoryRepository>();
        var readings = server.Services.GetRequiredService<ReadingRepository>();
        var fusion = FusionOptions.Default;
        var timeline = await ReplayTimeline.LoadAsync(history, DemoScenario.Start, DemoScenario.End, fusion);
        var upperLars = Gazetteer.Default.Find("upper-lars")!;

        Assert.False(timeline.Truncated);
        foreach (var at in new[] { DemoScenario.Start.AddHours(7), new DateTimeOffset(2022, 9, 26, 12, 0, 0, TimeSpan.Zero), DemoScenario.End.AddHours(-1) })
        {
            var inputs = await readings.GetFusionInputsAsync("upper-lars", fusion.Window, at);
            var expected = EstimateFusion.Fuse(upperLars, inputs, at, fusion);

            var replayed = timeline.EstimateAt(upperLars, at);

            Assert.Equal(expected.ReadingIds, replayed.ReadingIds);
            // The same readings, summed in another order: equal to the last bits.
            Assert.Equal(expected.Vehicles!.Value, replayed.Vehicles!.Value, 9);
            Assert.Equal(expected.WaitHours!.Value, replayed.WaitHours!.Value, 9);
            Assert.Equal(expected.Trend, replayed.Trend);
        }

        var peak = timeline.EstimateAt(upperLars, new DateTimeOffset(2022, 9, 26, 12, 0, 0, TimeSpan.Zero));
        Assert.True(peak.WaitHours > 24, "the modelled peak at Upper Lars is a wait of days");
        Assert.False(timeline.EstimateAt(upperLars, DemoScenario.Start).HasData);
    }

    [Fact]
    public async Task LoadAsync_EndBeforeStart_Throws()
    {
        await using var server = new BorderWatchServer();
        _ = server.Address;
        var history = server.Services.GetRequiredService<ReadingHistoryRepository>();

        await Assert.ThrowsAsync<ArgumentException>(() => ReplayTimeline.LoadAsync(history, DemoScenario.End, DemoScenario.Start, FusionOptions.Default));
    }
}
