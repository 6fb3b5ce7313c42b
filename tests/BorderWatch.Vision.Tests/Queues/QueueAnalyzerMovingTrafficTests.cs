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
    private const int Size = 900;

    private const int CentreX = Size / 2;

    /// <summary>The horizon's row, just above the picture: the lane's head is a few pixels wide.</summary>
    private const double Horizon = -10;

    /// <summary>Lane width in pixels per row below the horizon.</summary>
    private const double WidthPerRow = 0.4;

    private static readonly LaneProfile Lane = new(
        [new PixelPoint(CentreX, 20), new PixelPoint(CentreX, 880)], [Width(20), Width(880)]);

    [Fact]
    public void Analyze_VehicleBeyondAHalfCoveredBreakFarAway_QueueEndsBeforeTheBreak()
    {
        using var image = NoisyRoad.Create(Size, Size);
        Fill(image, 20, 30, -1, 1);
        Fill(image, 31, 40, -1, -0.25);
        Fill(image, 41, 60, -1, 1);

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, 20, 40);
    }

    [Fact]
    public void Analyze_VehiclesCloseTogetherFarAway_OneQueue()
    {
        using var image = NoisyRoad.Create(Size, Size);
        Fill(image, 20, 30, -1, 1);
        Fill(image, 31, 55, -1, 1);

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.True(estimate.QueueEnd.Y >= 50, $"queue end at row {estimate.QueueEnd.Y}");
    }

    private static double Width(double row) => WidthPerRow * (row - Horizon);

    /// <summary>
    /// Fills the rows from <paramref name="top"/> to <paramref name="bottom"/> in dark grey between two shares of the half
    /// width of a 2.5-m body centred in the lane (−1 its left edge, 0 the lane's centre, 1 its right edge).
    /// </summary>
    private static void Fill(Mat image, int top, int bottom, double from, double to)
    {
        Point Corner(int row, double side) => new(CentreX + (side * Width(row) * 2.5 / 3.5 / 2), row);
        Cv2.FillConvexPoly(image, [Corner(top, from), Corner(top, to), Corner(bottom, to), Corner(bottom, from)], new Scalar(30, 30, 30));
    }
}
