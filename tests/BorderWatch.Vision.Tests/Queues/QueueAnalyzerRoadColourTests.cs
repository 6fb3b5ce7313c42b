using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A red box as light as the asphalt, filling the lane over a long stretch, is not road: the road's lightness is
/// learned from grey samples, and so is its colour even where most samples at that lightness are the box's paint.
/// Drawn on a <see cref="RecedingRoad"/>.
/// </summary>
public sealed class QueueAnalyzerRoadColourTests
{
    /// <summary>Red as light as the road's BGR 110 grey (Lab lightness 115 against 118, 8-bit).</summary>
    private static readonly Scalar RoadLightRed = new(70, 70, 180);

    /// <summary>Rows of the box: about 3 to 30 m from the gate.</summary>
    private const int BoxNearY = 700;

    private const int BoxFarY = 240;

    /// <summary>Ground, well inside the box, whose cells must read occupied.</summary>
    private const double InsideFromMetres = 8;

    private const double InsideToMetres = 25;

    /// <summary>Least mean occupancy of those cells: a vehicle covers the lane's centre.</summary>
    private const double MinOccupancy = 0.5;

    [Fact]
    public void Analyze_RedBoxAsLightAsTheRoad_ReadsOccupied()
    {
        using var image = Empty();
        for (var y = BoxFarY; y <= BoxNearY; y++)
        {
            PaintRow(image, y, RoadLightRed);
        }

        var estimate = new QueueAnalyzer().Analyze(image, Lane);

        var inside = estimate.Cells.Where(c => c.FromMetres >= InsideFromMetres && c.ToMetres <= InsideToMetres).ToList();
        Assert.NotEmpty(inside);
        Assert.True(inside.Average(c => c.Occupancy) >= MinOccupancy, $"mean occupancy {inside.Average(c => c.Occupancy):0.00} inside the box");
    }
}
