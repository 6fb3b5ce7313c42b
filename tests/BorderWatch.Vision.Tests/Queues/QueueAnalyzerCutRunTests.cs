using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A queue whose occupied run reaches the far end of a receding lane is counted like the same queue ending a few rows
/// before it: the road its last roof hides lies inside the lane and is not counted as cars. Drawn on a
/// <see cref="RecedingRoad"/>.
/// </summary>
public sealed class QueueAnalyzerCutRunTests
{
    /// <summary>Rows short of the lane's far end at which the shorter queue stops (a few metres there).</summary>
    private const int ShortOfEndRows = 12;

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
        var image = Empty();
        for (var y = endY; y <= GateY; y++)
        {
            PaintRow(image, y, CarColour(y));
        }

        return image;
    }
}
