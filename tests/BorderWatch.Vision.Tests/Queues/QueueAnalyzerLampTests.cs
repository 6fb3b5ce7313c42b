using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// Red lamps carry a queue across a gap its dark vehicles leave (dusk), but red paint or barriers along the lane do
/// not: drawn on a plain road seen from above, two vehicles 38 m apart (more than the 20 m gap tolerance).
/// </summary>
public sealed class QueueAnalyzerLampTests
{
    private const int LaneX = 200;

    // 40 px across 3.5 m: 11.4 px per metre; the lane runs 75 m up the picture from the gate at the bottom.
    private static readonly LaneProfile Lane = new([new PixelPoint(LaneX, 880), new PixelPoint(LaneX, 20)], [40, 40]);

    [Fact]
    public void Analyze_RedLampsInTheGap_QueueReachesTheVehicleBeyond()
    {
        using var image = Road();
        foreach (var row in new[] { 655, 505 })
        {
            Cv2.Rectangle(image, new Rect(LaneX - 2, row, 4, 3), new Scalar(40, 30, 230), -1);
        }

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, 280, 320);
    }

    [Fact]
    public void Analyze_RedStripeAlongTheLane_QueueEndsAtTheFirstVehicle()
    {
        using var image = Road();
        Cv2.Rectangle(image, new Rect(LaneX + 10, 20, 3, 860), new Scalar(40, 30, 230), -1);

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        Assert.InRange(estimate.QueueEnd.Y, 780, 880);
    }

    /// <summary>A grey road with sensor noise and two blue cars in the lane, 5 m long, at the gate and 38 m beyond it.</summary>
    private static Mat Road()
    {
        var image = NoisyRoad.Create(900, 400);
        foreach (var top in new[] { 820, 300 })
        {
            Cv2.Rectangle(image, new Rect(LaneX - 16, top, 32, 57), new Scalar(150, 60, 40), -1);
        }

        return image;
    }
}
