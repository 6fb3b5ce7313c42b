using BorderWatch.Core.Crossings;
using BorderWatch.Core.Demo;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Tests.Crossings;

namespace BorderWatch.Core.Tests.Demo;

public class DemoScenarioTests
{
    private static readonly IReadOnlyList<Reading> Replay = DemoScenario.Generate();

    [Fact]
    public void Generate_SameSeed_SameReadings()
    {
        Assert.Equal(Replay, DemoScenario.Generate());
    }

    [Fact]
    public void Generate_EveryReading_IsDemoInSeptember2022AtAKnownCrossing()
    {
        Assert.All(Replay, r =>
        {
            Assert.True(r.IsDemo);
            Assert.InRange(r.ObservedAt, DemoScenario.Start, DemoScenario.End);
            Assert.True(Gazetteer.Default.Contains(r.Crossing), r.Crossing);
            Assert.Contains("demo", r.Source.Name!, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Generate_CoversEveryCrossingNamedInTheDesign()
    {
        var covered = Replay.Select(r => r.Crossing).ToHashSet();
        foreach (var slug in GazetteerTests.RequiredSlugList)
        {
            Assert.Contains(slug, covered);
        }
    }

    [Fact]
    public void Generate_UpperLars_PeaksAsReportedThen()
    {
        var upperLars = Replay.Where(r => r.Crossing == "upper-lars").ToList();
        var peakVehicles = upperLars.Max(r => r.Vehicles ?? 0);
        var peakKm = upperLars.Max(r => r.QueueKm ?? 0);

        Assert.InRange(peakVehicles, 4500, 7000);   // reported 3,000–5,500 cars, with noise
        Assert.InRange(peakKm, 14, 24);             // reported 14 km, up to about 20 km
    }

    [Fact]
    public void Generate_Vaalimaa_StaysAroundFiveHundredMetres()
    {
        var kilometres = Replay.Where(r => r.Crossing == "vaalimaa" && r.QueueKm is not null).Select(r => r.QueueKm!.Value).ToList();

        Assert.NotEmpty(kilometres);
        Assert.InRange(kilometres.Max(), 0.35, 0.65);
    }
}
