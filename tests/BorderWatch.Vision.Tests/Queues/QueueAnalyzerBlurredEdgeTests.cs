using BorderWatch.Vision.Queues;
using OpenCvSharp;
using static BorderWatch.Vision.Tests.Queues.RecedingRoad;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A far truck's lit box whose edge rows are blurred into the vehicles beside it is one truck: the edge rows belong to
/// the box, which then spans the rows a truck must span. Before, the one-colour test cut them off, the box fell short
/// of a truck and its metres counted as cars, as many as a line of cars there. Drawn on a <see cref="RecedingRoad"/>.
/// </summary>
public sealed class QueueAnalyzerBlurredEdgeTests
{
    /// <summary>Metres of the box with its edge rows on the ground: a truck's, with some margin over the 9 m needed.</summary>
    private const double BoxMetres = 9.5;

    /// <summary>Share of an edge row the box covers: most of it, the rest is the car beside it.</summary>
    private const double EdgeShare = 0.85;

    /// <summary>The box's paint, lit white: a roof faces the sky.</summary>
    private static readonly Scalar BoxColour = new(225, 225, 222);

    [Fact]
    public void Analyze_FarBoxWithBlurredEdgeRows_CountedAsATruck()
    {
        var geometry = LaneGeometry.Build(Lane, Width, Height);
        var (first, last) = FarBox(geometry);
        using var truck = Queue(geometry, first, last, box: true);
        using var cars = Queue(geometry, first, last, box: false);

        var withBox = new QueueAnalyzer().Analyze(truck, Lane);
        var carsOnly = new QueueAnalyzer().Analyze(cars, Lane);

        // One truck stands where about two cars would (16 m against 7 m each).
        Assert.True(withBox.Vehicles < carsOnly.Vehicles, $"box {withBox.Vehicles}, cars {carsOnly.Vehicles}");
    }

    /// <summary>
    /// Steps of a box far along the lane that spans just the rows a truck must span there (a share of the lane's width,
    /// at least 6) over <see cref="BoxMetres"/>: without its two edge rows it falls short of them.
    /// </summary>
    private static (int First, int Last) FarBox(LaneGeometry geometry)
    {
        for (var first = geometry.Count / 2; first < geometry.Count - 20; first++)
        {
            // One row more than needed: the strip's last row of a painted box blends into what lies beyond it.
            var rows = (int)Math.Ceiling(Math.Max(6, 0.35 * geometry.WidthAt(first))) + 1;
            if (geometry.MetresBetween(first, first + rows - 1) >= BoxMetres)
            {
                return (first, first + rows);
            }
        }

        throw new InvalidOperationException("no far box of a truck's metres in the lane");
    }

    /// <summary>
    /// A grey road with sensor noise and cars from the gate to beyond the box (colours changing every few rows), the box
    /// painted from <paramref name="first"/> to <paramref name="last"/> with its two end rows a blend of the box and the
    /// car beside it; without <paramref name="box"/>, cars there too.
    /// </summary>
    private static Mat Queue(LaneGeometry geometry, int first, int last, bool box)
    {
        var image = Empty();
        var boxNear = (int)Math.Round(geometry.PointAt(first).Y);
        var boxFar = (int)Math.Round(geometry.PointAt(last).Y);
        var queueEnd = (int)Math.Round(geometry.PointAt(Math.Min(geometry.Count - 1, last + 20)).Y);
        for (var y = queueEnd; y <= GateY; y++)
        {
            var inBox = box && y <= boxNear && y >= boxFar;
            var edge = y == boxNear || y == boxFar;
            var colour = !inBox ? CarColour(y) : edge ? Blend(BoxColour, CarColour(y)) : BoxColour;
            PaintRow(image, y, colour);
        }

        return image;
    }

    /// <summary>A row the box covers <see cref="EdgeShare"/> of, the car beside it the rest.</summary>
    private static Scalar Blend(Scalar box, Scalar car) => new(
        (EdgeShare * box.Val0) + ((1 - EdgeShare) * car.Val0),
        (EdgeShare * box.Val1) + ((1 - EdgeShare) * car.Val1),
        (EdgeShare * box.Val2) + ((1 - EdgeShare) * car.Val2));
}
