using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A queue whose far part shows short breaks (a dark car's face the cues take for road) is counted as the same queue
/// unbroken: where a roof hides more road than a standing gap, a break of a fraction of that hidden road is not road
/// between vehicles. Drawn on a plain road receding from the gate at the bottom towards a horizon above the picture.
/// </summary>
public sealed class QueueAnalyzerBreakTests
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

    /// <summary>Where the queue ends.</summary>
    private const int QueueEndY = 60;

    private static readonly LaneProfile Lane = new(
        [new PixelPoint(LaneX, GateY), new PixelPoint(LaneX, FarY)],
        [WidthPerRow * (GateY - HorizonY), WidthPerRow * (FarY - HorizonY)]);

    [Fact]
    public void Analyze_ShortBreaksFarAway_CountedAsTheUnbrokenQueue()
    {
        using var unbroken = Queue([]);
        using var broken = Queue([100, 130, 160]);

        var whole = new QueueAnalyzer().Analyze(unbroken, Lane);
        var withBreaks = new QueueAnalyzer().Analyze(broken, Lane);

        Assert.Equal(whole.Vehicles, withBreaks.Vehicles);
    }

    /// <summary>
    /// A grey road with sensor noise and a queue from the gate to <see cref="QueueEndY"/>, its colours changing every few
    /// rows (cars, not one truck's box), with the road showing through two rows at each of <paramref name="breaks"/>.
    /// </summary>
    private static Mat Queue(int[] breaks)
    {
        var image = new Mat(Height, 600, MatType.CV_8UC3, new Scalar(110, 110, 110));
        using var noise = new Mat(Height, 600, MatType.CV_8UC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(3));
        Cv2.Add(image, noise, image);
        for (var y = QueueEndY; y <= GateY; y++)
        {
            if (breaks.Any(b => y >= b && y <= b + 1))
            {
                continue;
            }

            var half = (int)(0.3 * WidthPerRow * (y - HorizonY));
            var colour = (y / 4) % 2 == 0 ? new Scalar(150, 60, 40) : new Scalar(40, 40, 170);
            Cv2.Line(image, new Point(LaneX - half, y), new Point(LaneX + half, y), colour);
        }

        return image;
    }
}
