using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;
using static BorderWatch.Core.Tests.TestCrossings;

namespace BorderWatch.Core.Tests.Estimates;

/// <summary>Fusion against values worked out by hand (docs/estimates.md shows the same arithmetic).</summary>
public class EstimateFusionTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Fuse_NoReadings_HasNoData()
    {
        var estimate = EstimateFusion.Fuse(Simple, [], Noon);

        Assert.False(estimate.HasData);
        Assert.Null(estimate.QueueKm);
        Assert.Empty(estimate.ReadingIds);
    }

    [Fact]
    public void Fuse_OneQueueLength_DerivesVehiclesBySpacingAndWaitByLittlesLaw()
    {
        var reading = Reading(Noon, km: 0.7);

        var estimate = EstimateFusion.Fuse(Simple, [reading], Noon);

        Assert.Equal(0.7, estimate.QueueKm!.Value, Tolerance);
        Assert.Equal(100, estimate.Vehicles!.Value, Tolerance);   // 700 m / 7 m per vehicle
        Assert.Equal(1.0, estimate.WaitHours!.Value, Tolerance);  // 100 vehicles / 100 per hour
        Assert.Equal(["vehicles", "waitHours"], estimate.Derived);
        Assert.Equal(1.0, estimate.Confidence, Tolerance);
        Assert.Equal([reading.Id], estimate.ReadingIds);
    }

    [Fact]
    public void Fuse_OfficialAndOlderReport_WeighsByConfidenceSourceAndRecency()
    {
        // Official feed now, confidence 0.9: weight 0.9 × 1.0 × 1 = 0.9.
        // Text report an hour earlier, confidence 0.8: weight 0.8 × 0.5 × 0.5 = 0.2.
        var official = Reading(Noon, km: 0.5, confidence: 0.9, kind: ReadingKind.Feed);
        var report = Reading(Noon.AddHours(-1), km: 2.0, confidence: 0.8, kind: ReadingKind.Report);

        var estimate = EstimateFusion.Fuse(Simple, [official, report], Noon);

        Assert.Equal((0.9 * 0.5 + 0.2 * 2.0) / 1.1, estimate.QueueKm!.Value, Tolerance);   // 0.7727…
        Assert.Equal(1 - (0.1 * 0.8), estimate.Confidence, Tolerance);                      // 0.92
        Assert.Equal([official.Id, report.Id], estimate.ReadingIds);
    }

    [Fact]
    public void Fuse_SourceTypeGiven_OverridesKindWeight()
    {
        // Both feeds, but one is labelled crowd (0.4): weights 1.0 and 0.4. (Within fusion v2's outlier ratio of 4.)
        var official = Reading(Noon, vehicles: 100, sourceType: "official");
        var crowd = Reading(Noon, vehicles: 300, sourceType: "crowd");

        var estimate = EstimateFusion.Fuse(Simple, [official, crowd], Noon);

        Assert.Equal((100 + 0.4 * 300) / 1.4, estimate.Vehicles!.Value, Tolerance);  // 157.1
    }

    [Fact]
    public void Fuse_ReportedWait_IsUsedInsteadOfDerivedWait()
    {
        var count = Reading(Noon, vehicles: 300);
        var wait = Reading(Noon, wait: 2);

        var estimate = EstimateFusion.Fuse(Simple, [count, wait], Noon);

        Assert.Equal(2.0, estimate.WaitHours!.Value, Tolerance);
        Assert.Equal(300, estimate.Vehicles!.Value, Tolerance);
        Assert.Equal(2.1, estimate.QueueKm!.Value, Tolerance);  // 300 × 7 m
        Assert.Equal(["queueKm"], estimate.Derived);
    }

    [Fact]
    public void Fuse_OnlyWait_DerivesVehiclesFromProcessingRate()
    {
        var estimate = EstimateFusion.Fuse(Simple, [Reading(Noon, wait: 3)], Noon);

        Assert.Equal(300, estimate.Vehicles!.Value, Tolerance);  // 3 h × 100 per hour
        Assert.Equal(2.1, estimate.QueueKm!.Value, Tolerance);
        Assert.Equal(["vehicles", "queueKm"], estimate.Derived);
    }

    [Fact]
    public void Fuse_OldNewestReading_DecaysConfidenceAndIsStale()
    {
        var estimate = EstimateFusion.Fuse(Simple, [Reading(Noon, km: 1, confidence: 0.8)], Noon.AddHours(6));

        Assert.Equal(0.4, estimate.Confidence, Tolerance);  // halves every 6 h
        Assert.True(estimate.IsStale);
        Assert.Equal(Noon, estimate.AsOf);
    }

    [Fact]
    public void Fuse_IgnoresPendingRejectedSupersededFutureAndOutOfWindowReadings()
    {
        var kept = Reading(Noon, km: 1);
        Reading[] ignored =
        [
            Reading(Noon, km: 50, status: ReadingStatus.Pending),
            Reading(Noon, km: 50, status: ReadingStatus.Rejected),
            Reading(Noon, km: 50) with { SupersededBy = 999 },
            Reading(Noon.AddMinutes(30), km: 50),
            Reading(Noon.AddHours(-7), km: 50),
            Reading(Noon, km: 50) with { Crossing = "elsewhere" },
        ];

        var estimate = EstimateFusion.Fuse(Simple, [kept, .. ignored], Noon);

        Assert.Equal(1.0, estimate.QueueKm!.Value, Tolerance);
        Assert.Equal([kept.Id], estimate.ReadingIds);
    }

    [Fact]
    public void Fuse_BothDirections_HeadlineIsTheLongerQueueAndUnknownJoinsTheHeavierSide()
    {
        var outbound = Reading(Noon, vehicles: 300, direction: Direction.Outbound);
        var inbound = Reading(Noon, vehicles: 100, confidence: 0.5, direction: Direction.Inbound);
        var unknown = Reading(Noon, vehicles: 200, kind: ReadingKind.Report);  // weight 0.5, joins outbound (1.0 > 0.5)

        var estimate = EstimateFusion.Fuse(Simple, [outbound, inbound, unknown], Noon);

        Assert.Equal(Direction.Outbound, estimate.Direction);
        Assert.Equal((300 + 0.5 * 200) / 1.5, estimate.Vehicles!.Value, Tolerance);
        Assert.Equal(2, estimate.Directions.Count);
        Assert.Equal(100, estimate.Directions.Single(d => d.Direction == Direction.Inbound).Vehicles!.Value, Tolerance);
        Assert.Contains(unknown.Id, estimate.ReadingIds);
    }

    [Fact]
    public void Fuse_QueueDoubledInTwoHours_TrendIsRising()
    {
        // An hour before the newest reading only the 100 was known; now (200 × 1 + 100 × 0.25) / 1.25 = 180.
        var earlier = Reading(Noon.AddHours(-2), vehicles: 100);
        var now = Reading(Noon, vehicles: 200);

        var estimate = EstimateFusion.Fuse(Simple, [earlier, now], Noon);

        Assert.Equal(180, estimate.Vehicles!.Value, Tolerance);
        Assert.Equal(Trend.Rising, estimate.Trend);
    }

    [Fact]
    public void Fuse_SmallChange_TrendIsSteady()
    {
        var estimate = EstimateFusion.Fuse(Simple, [Reading(Noon.AddHours(-2), vehicles: 100), Reading(Noon, vehicles: 104)], Noon);

        Assert.Equal(Trend.Steady, estimate.Trend);
    }

    [Fact]
    public void Fuse_DemoReading_MarksEstimateAsDemo()
    {
        var estimate = EstimateFusion.Fuse(Simple, [Reading(Noon, km: 1) with { IsDemo = true }], Noon);

        Assert.True(estimate.IsDemo);
    }
}
