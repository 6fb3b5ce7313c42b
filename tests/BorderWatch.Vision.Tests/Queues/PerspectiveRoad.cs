using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// A straight road in perspective on a <see cref="NoisyRoad"/> (<see cref="Size"/> square): the lane runs down the
/// picture's middle from its head at the top, far away, to the bottom, and narrows towards a horizon at row
/// <paramref name="horizon"/> (above the picture), <paramref name="widthPerRow"/> pixels of lane width per row below it.
/// </summary>
internal sealed class PerspectiveRoad(double horizon, double widthPerRow)
{
    /// <summary>Width and height of the picture in pixels.</summary>
    public const int Size = 900;

    private const int CentreX = Size / 2;

    /// <summary>The lane down the picture's middle, its head at the top.</summary>
    public LaneProfile Lane => new([new PixelPoint(CentreX, 20), new PixelPoint(CentreX, 880)], [Width(20), Width(880)]);

    /// <summary>The empty road.</summary>
    public static Mat Create() => NoisyRoad.Create(Size, Size);

    /// <summary>
    /// Fills the rows from <paramref name="top"/> to <paramref name="bottom"/> between two shares of the half width of a
    /// 2.5-m body centred in the 3.5-m lane (−1 its left edge, 0 the lane's centre, 1 its right edge).
    /// </summary>
    public void Body(Mat image, int top, int bottom, Scalar colour, double from = -1, double to = 1)
    {
        Point Corner(int row, double side) => new(CentreX + (side * Width(row) * 2.5 / 3.5 / 2), row);
        Cv2.FillConvexPoly(image, [Corner(top, from), Corner(top, to), Corner(bottom, to), Corner(bottom, from)], colour);
    }

    private double Width(double row) => widthPerRow * (row - horizon);
}
