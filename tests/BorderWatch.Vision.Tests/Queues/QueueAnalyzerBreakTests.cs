using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A queue whose far part shows short breaks (a dark car's face the cues take for road) is counted as the same queue
/// unbroken: where a roof hides more road than a standing gap, a break of a fraction of that hidden road is not road
/// between vehicles. Drawn on a <see cref="RecedingRoad"/>.
/// </summary>
public sealed class QueueAnalyzerBreakTests
{
    /// <summary>Where the queue ends.</summary>
    private const int QueueEndY = 60;

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
        var image = Empty();
        for (var y = QueueEndY; y <= GateY; y++)
        {
            if (breaks.Any(b => y >= b && y <= b + 1))
            {
                continue;
            }

            PaintRow(image, y, CarColour(y));
        }

        return image;
    }
}
