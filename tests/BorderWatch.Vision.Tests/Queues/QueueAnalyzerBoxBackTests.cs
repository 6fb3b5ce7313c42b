using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A truck seen from behind where the lane comes towards the camera from a far head: its back face may be the road's
/// grey, so the cues see its roof and the dark band below its back, and the queue ends at that band; where they see
/// the box down to its floor, the road below the floor lies beyond it. Drawn on a plain road in perspective (the lane
/// narrows towards a horizon above the picture), head at the top.
/// </summary>
public sealed class QueueAnalyzerBoxBackTests
{
    /// <summary>The road, its horizon 200 rows above the picture.</summary>
    private static readonly PerspectiveRoad Road = new(horizon: -200, widthPerRow: 0.3);

    [Fact]
    public void Analyze_BackFaceInTheRoadsGrey_QueueEndsAtTheDarkBandBelowIt()
    {
        using var image = PerspectiveRoad.Create();
        Road.Body(image, 20, 100, new Scalar(235, 235, 235));
        Road.Body(image, 185, 205, new Scalar(25, 25, 25));

        var estimate = new QueueAnalyzer().Analyze(image, Road.Lane);

        Assert.InRange(estimate.QueueEnd.Y, 190, 215);
    }

    [Fact]
    public void Analyze_BoxSeenDownToItsFloor_QueueEndsBeyondIt()
    {
        using var image = PerspectiveRoad.Create();
        Road.Body(image, 20, 300, new Scalar(60, 150, 235));

        var estimate = new QueueAnalyzer().Analyze(image, Road.Lane);

        Assert.InRange(estimate.QueueEnd.Y, 320, 345);
    }
}
