using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A queue whose occupied run reaches the far end of a receding lane is counted like the same queue ending a few rows
/// before it: the road its last roof hides lies inside the lane and is not counted as cars. Drawn on a plain road
/// receding from the gate at the bottom towards a horizon above the picture.
/// </summary>
public sealed class QueueAnalyzerCutRunTests
{
    private const int LaneX = 300;

    /// <summary>Rows of the picture; the gate is at its bottom.</summary>
    private const int Height = 900;

    /// <summary>The horizon, above the picture: the lane's width falls linearly to nothing there.</summary>
    private const int HorizonY = -50;

    /// <summary>Lane width in pixels per row below the horizon.</summary>
    private const double WidthPerRow = 0.2;

    private const int GateY = 880;

    private const int FarY = 20;

    /// <summary>Rows short of the lane's far end at which the shorter queue stops (a few metres there).</summary>
    private const int ShortOfEndRows = 12;

    private static readonly LaneProfile Lane = new(
        [new PixelPoint(LaneX, GateY), new PixelPoint(LaneX, FarY)],
        [WidthPerRow * (GateY - HorizonY), WidthPerRow * (FarY - HorizonY)]);

    [Fact]
    public void Analyze_RunCutByTheLanesFarEnd_CountedUpToTheQueueEnd()
    {
        using var toTheEnd = Queue(FarY);
        using var shortOfTheEnd = Queue(FarY + ShortOfEndRows);

        var cut = new QueueAnalyzer().Analyze(toTheEnd, Lane);
        var whole = new QueueAnalyzer().Analyze(shortOfTheEnd, Lane);

        Assert.InRange(cut.Vehicles, whole.Vehicles - 1, whole.Vehicles + 1);
    }

    /// <summary>
    /// A grey road with sensor noise and a queue from the gate to row <paramref name="endY"/>, its colours changing
    /// every few rows (cars, not one truck's box).
    /// </summary>
    private static Mat Queue(int endY)
    {
        var image = new Mat(Height, 600, MatType.CV_8UC3, new Scalar(110, 110, 110));
        using var noise = new Mat(Height, 600, MatType.CV_8UC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(3));
        Cv2.Add(image, noise, image);
        for (var y = endY; y <= GateY; y++)
        {
            var half = (int)(0.3 * WidthPerRow * (y - HorizonY));
            var colour = (y / 4) % 2 == 0 ? new Scalar(150, 60, 40) : new Scalar(40, 40, 170);
            Cv2.Line(image, new Point(LaneX - half, y), new Point(LaneX + half, y), colour);
        }

        return image;
    }
}
