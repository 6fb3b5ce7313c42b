using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A truck's box away from the camera, shaded face and lit roof, is counted as the same box in one colour: where the
/// lane recedes, a stretch spanning the ground a vertical face spans from its floor to its top, followed by a lighter
/// stretch of its paint, is one box (the face alone, too short for a truck, counted as a car). Drawn on a
/// <see cref="RecedingRoad"/>.
/// </summary>
public sealed class QueueAnalyzerBoxFaceTests
{
    /// <summary>
    /// Metres from the gate where the queue of cars ends and the box's face begins: there the face spans 8 m of ground,
    /// too short for a truck on its own, so without the rule it counted as a car.
    /// </summary>
    private const double FaceFromMetres = 40;

    /// <summary>Length of the box's roof on the ground (with the road its top hides): alone, a truck's.</summary>
    private const double RoofMetres = 14;

    [Fact]
    public void Analyze_BoxFaceAndRoofFarAway_CountedAsOneTruck()
    {
        var geometry = LaneGeometry.Build(Lane, Width, Height);
        var faceFrom = geometry.StepAtMetres(FaceFromMetres);
        var faceTo = faceFrom;
        // The face ends where its length reaches the ground a 0.9–3.9 m vertical face spans there.
        while (geometry.MetresBetween(faceFrom, faceTo) < geometry.OcclusionMetres(faceTo, 3.9) - geometry.OcclusionMetres(faceFrom, 0.9))
        {
            faceTo++;
        }

        var roofTo = geometry.StepAtMetres(geometry.MetresAt(faceTo) + RoofMetres);
        using var box = Queue(geometry, faceFrom, faceTo, roofTo, new Scalar(170, 170, 170));
        using var oneColour = Queue(geometry, faceFrom, faceTo, roofTo, new Scalar(235, 235, 235));

        var split = new QueueAnalyzer().Analyze(box, Lane);
        var whole = new QueueAnalyzer().Analyze(oneColour, Lane);

        Assert.Equal(whole.Vehicles, split.Vehicles);
    }

    /// <summary>
    /// A grey road with sensor noise, cars from the gate to the box (colours changing every few rows), the box's face
    /// in <paramref name="face"/> from <paramref name="faceFrom"/> to <paramref name="faceTo"/> and its roof in white
    /// beyond, to <paramref name="roofTo"/>.
    /// </summary>
    private static Mat Queue(LaneGeometry geometry, int faceFrom, int faceTo, int roofTo, Scalar face)
    {
        var image = Empty();
        var faceY = (int)geometry.PointAt(faceFrom).Y;
        var roofY = (int)geometry.PointAt(faceTo).Y;
        var endY = (int)geometry.PointAt(roofTo).Y;
        for (var y = endY; y <= GateY; y++)
        {
            PaintRow(image, y, y > faceY ? CarColour(y) : y > roofY ? face : new Scalar(235, 235, 235));
        }

        return image;
    }
}
