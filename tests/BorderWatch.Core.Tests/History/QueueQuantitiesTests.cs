using BorderWatch.Core.Crossings;
using BorderWatch.Core.History;

namespace BorderWatch.Core.Tests.History;

public sealed class QueueQuantitiesTests
{
    // 7 m per vehicle, 100 vehicles per hour.
    private static readonly Crossing Crossing = TestCrossings.Simple;

    [Fact]
    public void Value_Reported_IsReturnedAsIs() =>
        Assert.Equal(3.5, QueueQuantities.Value(Crossing, QueueQuantity.QueueKm, 3.5, 900, 12));

    [Fact]
    public void Value_KmOnly_DerivesVehiclesAndWaitLikeFusion()
    {
        Assert.Equal(1000, QueueQuantities.Value(Crossing, QueueQuantity.Vehicles, 7, null, null)!.Value, 9);
        Assert.Equal(10, QueueQuantities.Value(Crossing, QueueQuantity.WaitHours, 7, null, null)!.Value, 9);
    }

    [Fact]
    public void Value_WaitOnly_DerivesKmThroughVehicles() =>
        Assert.Equal(2 * 100 * 7 / 1000.0, QueueQuantities.Value(Crossing, QueueQuantity.QueueKm, null, null, 2)!.Value, 9);

    [Fact]
    public void Value_NothingReported_Null() =>
        Assert.Null(QueueQuantities.Value(Crossing, QueueQuantity.WaitHours, null, null, null));
}
