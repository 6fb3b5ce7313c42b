using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A plain grey road drawn for the count's tests: one lane receding from the gate at the bottom of a 600 × 900 picture
/// towards a horizon just above it, its width falling linearly to nothing there, with sensor noise.
/// </summary>
internal static class RecedingRoad
{
    public const int LaneX = 300;

    /// <summary>Rows of the picture; the gate is at its bottom.</summary>
    public const int Height = 900;

    public const int Width = 600;

    /// <summary>The horizon, above the picture: the lane's width falls linearly to nothing there.</summary>
    public const int HorizonY = -50;

    /// <summary>Lane width in pixels per row below the horizon.</summary>
    public const double WidthPerRow = 0.2;

    public const int GateY = 880;

    public const int FarY = 20;

    /// <summary>The lane, head (gate) first, with its width at both ends.</summary>
    public static readonly LaneProfile Lane = new(
        [new PixelPoint(LaneX, GateY), new PixelPoint(LaneX, FarY)],
        [WidthPerRow * (GateY - HorizonY), WidthPerRow * (FarY - HorizonY)]);

    /// <summary>The empty road: asphalt grey with sensor noise.</summary>
    public static Mat Empty() => NoisyRoad.Create(Height, Width);

    /// <summary>Colour of a line of cars at row <paramref name="y"/>: it changes every few rows (cars, not one truck's box).</summary>
    public static Scalar CarColour(int y) => (y / 4) % 2 == 0 ? new Scalar(150, 60, 40) : new Scalar(40, 40, 170);

    /// <summary>Paints the centre 60 % of the lane's width at row <paramref name="y"/>, where a vehicle in the lane stands.</summary>
    public static void PaintRow(Mat image, int y, Scalar colour)
    {
        var half = (int)(0.3 * WidthPerRow * (y - HorizonY));
        Cv2.Line(image, new Point(LaneX - half, y), new Point(LaneX + half, y), colour);
    }
}
