using System.Globalization;
using OpenCvSharp;

namespace BorderWatch.Vision.Queues;

/// <summary>
/// Draws what the analyser saw on a copy of the image, for the analyst: the lane's cells (red = queue, amber =
/// occupied beyond the queue, green = empty road), the gate, the queue end, and the count.
/// </summary>
public static class QueueOverlay
{
    private static readonly Scalar Queue = new(40, 40, 230);
    private static readonly Scalar Beyond = new(0, 170, 255);
    private static readonly Scalar Empty = new(80, 200, 60);
    private static readonly Scalar Ink = new(255, 255, 255);
    private static readonly Scalar Shadow = new(20, 20, 20);

    public static Mat Draw(Mat image, LaneProfile lane, QueueEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(lane);
        ArgumentNullException.ThrowIfNull(estimate);
        var overlay = image.Clone();
        using var tint = image.Clone();
        foreach (var cell in estimate.Cells)
        {
            var colour = cell.Occupied ? (cell.InQueue ? Queue : Beyond) : Empty;
            Cv2.FillConvexPoly(tint, cell.Corners.Select(ToPoint).ToArray(), colour, LineTypes.AntiAlias);
        }

        Cv2.AddWeighted(tint, 0.45, overlay, 0.55, 0, overlay);
        var scale = Math.Max(1, Math.Max(image.Width, image.Height) / 900.0);
        var thickness = (int)Math.Round(2 * scale);

        // Lane edges.
        if (estimate.Cells.Count > 0)
        {
            var left = estimate.Cells.Select(c => ToPoint(c.Corners[0])).Append(ToPoint(estimate.Cells[^1].Corners[3])).ToArray();
            var right = estimate.Cells.Select(c => ToPoint(c.Corners[1])).Append(ToPoint(estimate.Cells[^1].Corners[2])).ToArray();
            Cv2.Polylines(overlay, [left, right], false, Ink, Math.Max(1, thickness / 2), LineTypes.AntiAlias);
        }

        // Gate (head) and queue end.
        var head = ToPoint(lane.Points[0]);
        Cv2.Circle(overlay, head, (int)(7 * scale), Shadow, thickness + 2, LineTypes.AntiAlias);
        Cv2.Circle(overlay, head, (int)(7 * scale), Ink, thickness, LineTypes.AntiAlias);
        Label(overlay, "gate", new Point(head.X + (int)(10 * scale), head.Y + (int)(5 * scale)), scale);
        var end = ToPoint(estimate.QueueEnd);
        Cv2.DrawMarker(overlay, end, Shadow, MarkerTypes.TiltedCross, (int)(22 * scale), thickness + 3, LineTypes.AntiAlias);
        Cv2.DrawMarker(overlay, end, Queue, MarkerTypes.TiltedCross, (int)(22 * scale), thickness, LineTypes.AntiAlias);

        var text = string.Create(CultureInfo.InvariantCulture,
            $"{estimate.Vehicles} vehicles · {(estimate.QueueLengthMetres is { } m ? $"{m:0} m · " : "")}{estimate.QueueFraction:P0} of lane · confidence {estimate.Confidence:0.00}");
        // Hershey fonts have no middle dot.
        Banner(overlay, text.Replace('·', '|'), scale);
        return overlay;
    }

    private static void Banner(Mat image, string text, double scale)
    {
        var fontScale = 0.6 * scale;
        var thickness = Math.Max(1, (int)Math.Round(1.5 * scale));
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, fontScale, thickness, out var baseline);
        var box = new Rect(0, 0, Math.Min(image.Width, size.Width + (int)(16 * scale)), size.Height + baseline + (int)(14 * scale));
        using (var region = new Mat(image, box))
        {
            region.ConvertTo(region, -1, 0.35, 0);
        }

        Cv2.PutText(image, text, new Point((int)(8 * scale), size.Height + (int)(7 * scale)), HersheyFonts.HersheySimplex, fontScale, Ink, thickness, LineTypes.AntiAlias);
    }

    private static void Label(Mat image, string text, Point at, double scale)
    {
        var fontScale = 0.5 * scale;
        var thickness = Math.Max(1, (int)Math.Round(1.2 * scale));
        Cv2.PutText(image, text, at, HersheyFonts.HersheySimplex, fontScale, Shadow, thickness + 2, LineTypes.AntiAlias);
        Cv2.PutText(image, text, at, HersheyFonts.HersheySimplex, fontScale, Ink, thickness, LineTypes.AntiAlias);
    }

    private static Point ToPoint(PixelPoint p) => new((int)Math.Round(p.X), (int)Math.Round(p.Y));
}
