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
    private const int Size = 900;

    private const int CentreX = Size / 2;

    /// <summary>The horizon's row, where the lane's width would vanish.</summary>
    private const double Horizon = -200;

    /// <summary>Lane width in pixels per row below the horizon.</summary>
    private const double WidthPerRow = 0.3;

    private static readonly LaneProfile Lane = new(
        [new PixelPoint(CentreX, 20), new PixelPoint(CentreX, 880)], [Width(20), Width(880)]);

    [Fact]
    public void Analyze_BackFaceInTheRoadsGrey_QueueEndsAtTheDarkBandBelowIt()
    {
        using var image = Road();
        Box(image, 20, 100, new Scalar(235, 235, 235));
        Box(image, 185, 205, new Scalar(25, 25, 25));

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, 190, 215);
    }

    [Fact]
    public void Analyze_BoxSeenDownToItsFloor_QueueEndsBeyondIt()
    {
        using var image = Road();
        Box(image, 20, 300, new Scalar(60, 150, 235));

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, 320, 345);
    }

    private static double Width(double row) => WidthPerRow * (row - Horizon);

    /// <summary>A grey road with sensor noise.</summary>
    private static Mat Road() => NoisyRoad.Create(Size, Size);

    /// <summary>Fills the rows from <paramref name="top"/> to <paramref name="bottom"/> over 2.5 m of the lane's 3.5 m.</summary>
    private static void Box(Mat image, int top, int bottom, Scalar colour)
    {
        Point Corner(int row, int side) => new(CentreX + (side * Width(row) * 2.5 / 3.5 / 2), row);
        Cv2.FillConvexPoly(image, [Corner(top, -1), Corner(top, 1), Corner(bottom, 1), Corner(bottom, -1)], colour);
    }
}
