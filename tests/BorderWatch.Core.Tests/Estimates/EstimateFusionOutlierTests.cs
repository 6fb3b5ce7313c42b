using BorderWatch.Core.Estimates;
using static BorderWatch.Core.Tests.TestCrossings;

namespace BorderWatch.Core.Tests.Estimates;

/// <summary>Fusion v2's robust step: wild disagreement with better-supported readings is set aside, not averaged.</summary>
public class EstimateFusionOutlierTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Fuse_ViralPostAgainstBorderGuard_TheRepostIsSetAside()
    {
        // The example: a viral post says 35 km, the border guard 500 m.
        var official = Reading(Noon, km: 0.5, confidence: 0.95, sourceType: "official");
        var viral = Reading(Noon.AddMinutes(-10), km: 35, confidence: 0.8, sourceType: "crowd");

        var estimate = EstimateFusion.Fuse(Simple, [official, viral], Noon);

        Assert.Equal(0.5, estimate.QueueKm!.Value, Tolerance);
        Assert.Equal([viral.Id], estimate.SetAside);
        Assert.Contains(viral.Id, estimate.ReadingIds);
        Assert.Equal("fusion-v2", estimate.Method);
    }

    [Fact]
    public void Fuse_ManyIndependentReportsAgainstOneOfficial_TheMajorityWins()
    {
        var official = Reading(Noon, km: 0.5, confidence: 0.9, sourceType: "official");
        var crowd = Enumerable.Range(0, 4).Select(i => Reading(Noon.AddMinutes(-i), km: 30 + i, confidence: 0.9, sourceType: "crowd")).ToList();

        var estimate = EstimateFusion.Fuse(Simple, [official, .. crowd], Noon);

        Assert.Equal([official.Id], estimate.SetAside);
        Assert.True(estimate.QueueKm > 30);
    }

    [Fact]
    public void Fuse_EqualWeightsFarApart_NothingSetAsideBecauseNothingSaysWhichIsWrong()
    {
        var a = Reading(Noon, km: 1, sourceType: "media");
        var b = Reading(Noon, km: 20, sourceType: "media");

        var estimate = EstimateFusion.Fuse(Simple, [a, b], Noon);

        Assert.Empty(estimate.SetAside);
        Assert.Equal(10.5, estimate.QueueKm!.Value, Tolerance);
    }

    [Fact]
    public void Fuse_SmallQueues_NoQueueAndTwoHundredMetresAgree()
    {
        var none = Reading(Noon, km: 0, sourceType: "official");
        var shortQueue = Reading(Noon, km: 0.2, sourceType: "crowd");

        var estimate = EstimateFusion.Fuse(Simple, [none, shortQueue], Noon);

        Assert.Empty(estimate.SetAside);
    }

    [Fact]
    public void Fuse_OutlierStepOff_PlainWeightedMean()
    {
        var official = Reading(Noon, km: 0.5, confidence: 1, sourceType: "official");
        var viral = Reading(Noon, km: 35, confidence: 1, sourceType: "crowd");

        var estimate = EstimateFusion.Fuse(Simple, [official, viral], Noon, FusionOptions.Default with { OutlierRatio = 0 });

        Assert.Equal((0.5 + 0.4 * 35) / 1.4, estimate.QueueKm!.Value, Tolerance);
    }
}
