using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A truck's box seen from behind where the lane comes towards the camera (the gate far away): its lit roof and then
/// its shaded back face of one paint are one truck standing for one truck's spacing, and the rest of the run (the
/// vehicles its height hides included) is cars. Before, roof and back each passed as a truck and took their metres.
/// Drawn on a <see cref="RecedingRoad"/> with the lane drawn from its far end.
/// </summary>
public sealed class QueueAnalyzerRoofBackTests
{
    /// <summary>Metres from the gate where the box's roof begins (cars before it).</summary>
    private const double RoofFromMetres = 8;

    /// <summary>Length of the roof on the ground: alone, a truck's.</summary>
    private const double RoofMetres = 14;

    /// <summary>Metres of cars behind the box, towards the camera.</summary>
    private const double CarsBehindMetres = 20;

    /// <summary>The lane from the far end of the road (the gate) towards the camera.</summary>
    private static readonly LaneProfile Approaching = new([Lane.Points[1], Lane.Points[0]], [Lane.Widths![1], Lane.Widths[0]]);

    [Fact]
    public void Analyze_BoxRoofAndBackComingTowardsTheCamera_CountedAsOneTruck()
    {
        var geometry = LaneGeometry.Build(Approaching, Width, Height);
        var roofFrom = geometry.StepAtMetres(RoofFromMetres);
        var roofTo = geometry.StepAtMetres(RoofFromMetres + RoofMetres);
        var backTo = roofTo;
        // The back ends where its length reaches 0.8 of the ground a 0.9–3.9 m vertical face spans there (the car
        // behind hides the rest).
        while (geometry.MetresBetween(roofTo, backTo) < 0.8 * (geometry.OcclusionMetres(backTo, 3.9) - geometry.OcclusionMetres(backTo, 0.9)))
        {
            backTo++;
        }

        var endTo = geometry.StepAtMetres(geometry.MetresAt(backTo) + CarsBehindMetres);
        using var box = Queue(geometry, roofFrom, roofTo, backTo, endTo);
        using var cars = Queue(geometry, roofFrom, roofFrom, roofFrom, endTo);

        var truck = new QueueAnalyzer().Analyze(box, Approaching);
        var carsOnly = new QueueAnalyzer().Analyze(cars, Approaching);

        // One truck stands where about two cars would (16 m against 7 m each): one vehicle fewer, not two.
        Assert.Equal(carsOnly.Vehicles - 1, truck.Vehicles);
    }

    /// <summary>
    /// A grey road with sensor noise, cars from the gate to the box's roof (colours changing every few rows), the roof
    /// in white, the box's back in the same paint shaded, then cars again to <paramref name="endTo"/>.
    /// </summary>
    private static Mat Queue(LaneGeometry geometry, int roofFrom, int roofTo, int backTo, int endTo)
    {
        var image = Empty();
        var roofY = (int)geometry.PointAt(roofFrom).Y;
        var backY = (int)geometry.PointAt(roofTo).Y;
        var carsY = (int)geometry.PointAt(backTo).Y;
        var endY = (int)geometry.PointAt(endTo).Y;
        for (var y = FarY; y <= endY; y++)
        {
            PaintRow(image, y, y < roofY ? CarColour(y) : y < backY ? new Scalar(235, 235, 235) : y < carsY ? new Scalar(170, 170, 170) : CarColour(y));
        }

        return image;
    }
}
