using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A thin dark line across the whole road (a sealing strip) a few metres beyond the queue's last car is road, not a
/// vehicle; the same dark band confined to the lane is a vehicle (dark glass, a dark car's roof) and extends the
/// queue. Drawn on a plain road seen from above: 20 px across 3.5 m, 5.7 px per metre, the gate at the bottom.
/// </summary>
public sealed class QueueAnalyzerSealingStripTests
{
    private const int LaneX = 200;

    /// <summary>Top row of the car at the gate (5 m long).</summary>
    private const int CarTop = 851;

    /// <summary>Top row of the dark band, 3.5 m beyond the car; 6 rows (1 m) deep.</summary>
    private const int BandTop = 825;

    private static readonly LaneProfile Lane = new([new PixelPoint(LaneX, 880), new PixelPoint(LaneX, 20)], [20, 20]);

    [Fact]
    public void Analyze_DarkLineAcrossTheRoad_QueueEndsAtTheCar()
    {
        using var image = Road(0, 400);

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, CarTop - 6, 880);
    }

    [Fact]
    public void Analyze_DarkBandInTheLaneOnly_QueueReachesTheBand()
    {
        using var image = Road(LaneX - 8, LaneX + 8);

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, BandTop - 4, BandTop + 8);
    }

    /// <summary>A grey road with sensor noise, a blue car at the gate and a dark band from column <paramref name="left"/> to <paramref name="right"/>.</summary>
    private static Mat Road(int left, int right)
    {
        var image = NoisyRoad.Create(900, 400);
        Cv2.Rectangle(image, new Rect(LaneX - 8, CarTop, 16, 880 - CarTop), new Scalar(150, 60, 40), -1);
        Cv2.Rectangle(image, new Rect(left, BandTop, right - left, 6), new Scalar(66, 66, 66), -1);
        return image;
    }
}
