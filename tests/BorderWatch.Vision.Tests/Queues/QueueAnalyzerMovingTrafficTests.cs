using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// Moving traffic behind a queue, far from the camera where the lane comes towards it: the moving vehicle's top hides
/// tens of metres of road before it, so the real gap shows as a few rows covered on one side only (a next lane's
/// vehicle leaning in, blur) within the queue's run. Drawn on a plain road in perspective, the head at the top near the
/// horizon, where a row spans several metres.
/// </summary>
public sealed class QueueAnalyzerMovingTrafficTests
{
    /// <summary>The vehicles' dark grey.</summary>
    private static readonly Scalar Dark = new(30, 30, 30);

    /// <summary>The road, its horizon just above the picture: the lane's head is a few pixels wide.</summary>
    private static readonly PerspectiveRoad Road = new(horizon: -10, widthPerRow: 0.4);

    [Fact]
    public void Analyze_VehicleBeyondAHalfCoveredBreakFarAway_QueueEndsBeforeTheBreak()
    {
        using var image = PerspectiveRoad.Create();
        Road.Body(image, 20, 30, Dark, -1, 1);
        Road.Body(image, 31, 40, Dark, -1, -0.25);
        Road.Body(image, 41, 60, Dark, -1, 1);

        var estimate = new QueueAnalyzer().Analyze(image, Road.Lane);

        Assert.InRange(estimate.QueueEnd.Y, 20, 40);
    }

    [Fact]
    public void Analyze_VehiclesCloseTogetherFarAway_OneQueue()
    {
        using var image = PerspectiveRoad.Create();
        Road.Body(image, 20, 30, Dark, -1, 1);
        Road.Body(image, 31, 55, Dark, -1, 1);

        var estimate = new QueueAnalyzer().Analyze(image, Road.Lane);

        Assert.True(estimate.QueueEnd.Y >= 50, $"queue end at row {estimate.QueueEnd.Y}");
    }
}
