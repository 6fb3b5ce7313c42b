using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// Where the lane runs away from the camera, a short band standing apart beyond the queue's last run, as dark as
/// anything, is the far edge of a box's roof that the cues took for road (a grey bus or box seen from the front): the
/// queue ends at the back that edge implies, not a car's hidden road before the run's end. Drawn on a
/// <see cref="RecedingRoad"/>.
/// </summary>
public sealed class QueueAnalyzerFarRoofEdgeTests
{
    /// <summary>Row where the run of vehicles from the gate ends (about 30 m from the gate).</summary>
    private const int RunEndY = 240;

    /// <summary>Rows of the band beyond it (about 39–40.5 m: more than 8 m beyond the run, under 4 m long).</summary>
    private const int BandNearY = 190;

    private const int BandFarY = 183;

    /// <summary>
    /// Metres the band must move the end on: its far edge less a box's hidden road (≈ 31.5 m) against the run's end less
    /// a car's (≈ 26.7 m).
    /// </summary>
    private const double MinMoveMetres = 3;

    [Fact]
    public void Analyze_DarkBandWithinABoxsRoofBeyondTheRun_EndsAtTheBackItImplies()
    {
        using var withoutBand = Queue(band: false);
        using var withBand = Queue(band: true);

        var plain = new QueueAnalyzer().Analyze(withoutBand, Lane);
        var edge = new QueueAnalyzer().Analyze(withBand, Lane);

        Assert.True(
            edge.QueueLengthMetres >= plain.QueueLengthMetres + MinMoveMetres,
            $"end with the band {edge.QueueLengthMetres} m, without {plain.QueueLengthMetres} m");
    }

    /// <summary>
    /// A grey road with sensor noise, cars from the gate to <see cref="RunEndY"/> and, when <paramref name="band"/>, a
    /// dark band across the lane's centre beyond them.
    /// </summary>
    private static Mat Queue(bool band)
    {
        var image = Empty();
        for (var y = RunEndY; y <= GateY; y++)
        {
            PaintRow(image, y, CarColour(y));
        }

        if (band)
        {
            for (var y = BandFarY; y <= BandNearY; y++)
            {
                PaintRow(image, y, new Scalar(35, 35, 35));
            }
        }

        return image;
    }
}
