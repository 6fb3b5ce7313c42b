namespace BorderWatch.Vision.Queues;

/// <summary>
/// The lane resampled at one-pixel steps from the head outward: position, direction, width in pixels and distance
/// in metres of every step. Metres come from the ground calibration when there is one, else from the widths with
/// a flat-ground perspective model, else from an assumed lane width (no perspective).
/// </summary>
/// <remarks>
/// On flat ground a lane's width in pixels falls linearly with the image row and reaches zero at the horizon, so the
/// widths locate the horizon, and with it the camera's tilt. Across the lane one pixel spans 3.5 m / width; along the
/// line of sight depth grows with F / (rows below the horizon), F = f / cos(tilt) (see <c>FillMetres</c>). The focal
/// length f is not known from one image; a 60° horizontal field of view is assumed (typical of road webcams) unless
/// the lane's dashed markings give it (<see cref="MarkingScale"/>). A ground calibration (metres at vertices)
/// removes that doubt.
/// </remarks>
public sealed class LaneGeometry
{
    /// <summary>
    /// Cap on the foreshortening F / (rows below the horizon), about 1.4° below it: nearer the horizon nothing can be
    /// measured. (12 cut the far end of long lanes short by up to 18 %.)
    /// </summary>
    private const double MaxForeshortening = 40;

    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _nx;
    private readonly double[] _ny;
    private readonly double[] _width;
    private readonly double[] _metres;

    private readonly double _focal;
    private readonly int _imageWidth;
    private readonly int _imageHeight;

    private LaneGeometry(double[] x, double[] y, double[] nx, double[] ny, double[] width, double[] metres, double? horizonY, bool hasPerspective, double focal, int imageWidth, int imageHeight)
    {
        _focal = focal;
        _imageWidth = imageWidth;
        _imageHeight = imageHeight;
        _x = x;
        _y = y;
        _nx = nx;
        _ny = ny;
        _width = width;
        _metres = metres;
        HorizonY = horizonY;
        HasPerspective = hasPerspective;
    }

    /// <summary>Number of one-pixel steps.</summary>
    public int Count => _x.Length;

    /// <summary>Lane length in metres (estimated).</summary>
    public double LengthMetres => _metres[^1];

    /// <summary>Lane length in pixels.</summary>
    public double LengthPixels => Count - 1;

    /// <summary>Image row of the horizon found from the widths, when they shrink towards it.</summary>
    public double? HorizonY { get; }

    /// <summary>True when widths differ enough along the lane to show perspective.</summary>
    public bool HasPerspective { get; }

    public PixelPoint PointAt(int step) => new(_x[step], _y[step]);

    public double WidthAt(int step) => _width[step];

    public double MetresAt(int step) => _metres[step];

    /// <summary>Metres along the lane from step <paramref name="from"/> to step <paramref name="to"/> (negative when <paramref name="to"/> lies nearer the head).</summary>
    public double MetresBetween(int from, int to) => _metres[to] - _metres[from];

    public (double X, double Y) NormalAt(int step) => (_nx[step], _ny[step]);

    /// <summary>
    /// The point <paramref name="pixels"/> beyond the head on the lane's line extended past its first point (back
    /// along the first step's direction: the normal turned a quarter back).
    /// </summary>
    public (double X, double Y) PointBeforeHead(double pixels) => (_x[0] - (_ny[0] * pixels), _y[0] + (_nx[0] * pixels));

    /// <summary>
    /// Fills remap tables (<c>Cv2.Remap</c>; one row per step, one column per fraction) that sample the lane across its
    /// width at each step: a fraction of the step's width either side of the drawn line (0 the line, ±0.5 the edges).
    /// With <paramref name="before"/> &gt; 0 the tables start with that many one-pixel rows beyond the head, on the
    /// lane's line extended past its first point at the head's width (the tables then have <see cref="Count"/> +
    /// <paramref name="before"/> rows, the farthest first).
    /// </summary>
    public void FillCrossSectionMaps(OpenCvSharp.Mat mapX, OpenCvSharp.Mat mapY, IReadOnlyList<double> widthFractions, int before = 0)
    {
        ArgumentNullException.ThrowIfNull(mapX);
        ArgumentNullException.ThrowIfNull(mapY);
        ArgumentNullException.ThrowIfNull(widthFractions);
        FillMaps(mapX, mapY, widthFractions, before, NormalAt);
    }

    /// <summary>
    /// Like <see cref="FillCrossSectionMaps"/>, but across the lane on the ground (<see cref="GroundAcrossAt"/>), so a
    /// sample at ±0.5 lies on the lane's edge at the same distance from the head as the step, where the lane slants.
    /// </summary>
    internal void FillGroundCrossSectionMaps(OpenCvSharp.Mat mapX, OpenCvSharp.Mat mapY, IReadOnlyList<double> widthFractions) =>
        FillMaps(mapX, mapY, widthFractions, 0, GroundAcrossAt);

    /// <summary>
    /// The image direction of the line across the lane on the ground at a step, on the normal's side. Ground lines
    /// across a lane of heading ψ meet at the horizon's point F·tan(ψ + 90°) = −F² / (uₗ − cx) from the centre column,
    /// uₗ being where the lane's own tangent meets the horizon (F as in <c>FillMetres</c>);
    /// a lane heading at the image centre has level lines across it. Without a horizon, the normal.
    /// </summary>
    internal (double X, double Y) GroundAcrossAt(int step)
    {
        var (nx, ny) = (_nx[step], _ny[step]);
        // The tangent (nx, ny turned back a quarter) must cross the horizon's row.
        if (HorizonY is not { } h || Math.Abs(nx) < 1e-6)
        {
            return (nx, ny);
        }

        var centre = _imageWidth / 2.0;
        var depthScale = DepthScale(_focal, _imageHeight, h);
        var vanishing = _x[step] + (ny * (h - _y[step]) / -nx) - centre;
        var ax = ((centre - _x[step]) * vanishing) - (depthScale * depthScale);
        var ay = (h - _y[step]) * vanishing;
        var length = Math.Sqrt((ax * ax) + (ay * ay));
        var sign = (ax * nx) + (ay * ny) < 0 ? -1 : 1;
        return (sign * ax / length, sign * ay / length);
    }

    private void FillMaps(OpenCvSharp.Mat mapX, OpenCvSharp.Mat mapY, IReadOnlyList<double> widthFractions, int before, Func<int, (double X, double Y)> across)
    {
        var columns = widthFractions.Count;
        var xs = new float[(Count + before) * columns];
        var ys = new float[(Count + before) * columns];
        for (var r = 0; r < Count + before; r++)
        {
            var s = Math.Max(0, r - before);
            var (x, y) = r < before ? PointBeforeHead(before - r) : (_x[s], _y[s]);
            var (ax, ay) = across(s);
            for (var c = 0; c < columns; c++)
            {
                var offset = _width[s] * widthFractions[c];
                xs[(r * columns) + c] = (float)(x + (ax * offset));
                ys[(r * columns) + c] = (float)(y + (ay * offset));
            }
        }

        mapX.SetArray(xs);
        mapY.SetArray(ys);
    }

    /// <summary>
    /// Width fractions (for <see cref="FillCrossSectionMaps"/>) of two bands across the lane's edges: <paramref name="columns"/>
    /// samples <paramref name="pitch"/> of the width apart, centred on the left edge, then as many on the right.
    /// </summary>
    public static double[] EdgeBandFractions(int columns, double pitch)
    {
        var fractions = new double[columns * 2];
        for (var side = 0; side < 2; side++)
        {
            for (var c = 0; c < columns; c++)
            {
                fractions[(side * columns) + c] = (side == 0 ? -0.5 : 0.5) + (pitch * (c - ((columns - 1) / 2.0)));
            }
        }

        return fractions;
    }

    /// <summary>The step closest to a distance in metres from the head.</summary>
    public int StepAtMetres(double metres)
    {
        var index = Array.BinarySearch(_metres, metres);
        if (index >= 0)
        {
            return index;
        }

        index = ~index;
        if (index <= 0)
        {
            return 0;
        }

        if (index >= _metres.Length)
        {
            return _metres.Length - 1;
        }

        return metres - _metres[index - 1] < _metres[index] - metres ? index - 1 : index;
    }

    /// <summary>Angle below the horizon (radians) of the ray to a step, when the horizon is known.</summary>
    public double? RayAngleAt(int step, double focalLength) =>
        HorizonY is { } h && _y[step] > h ? Math.Atan2(_y[step] - h, focalLength) : null;

    /// <summary>
    /// Ground length hidden behind an object of <paramref name="heightMetres"/> standing at a step, seen from the camera:
    /// h / tan α. Zero when the horizon is unknown (no perspective).
    /// </summary>
    public double OcclusionMetres(int step, double heightMetres)
    {
        if (HorizonY is not { } h)
        {
            return 0;
        }

        var below = _y[step] - h;
        return below > 0 ? Math.Min(heightMetres * _focal / below, 40) : 0;
    }

    /// <summary>True when the lane moves away from the camera at a step (it narrows in the image).</summary>
    public bool RecedesAt(int step)
    {
        var from = Math.Max(0, step - 20);
        var to = Math.Min(Count - 1, step + 20);
        return HasPerspective && _width[to] < _width[from];
    }

    /// <summary>The focal length in pixels the metres were computed with (assumed, given, or fitted to the markings).</summary>
    internal double FocalLength => _focal;

    /// <summary>
    /// The ground a step spans, in metres, split into the part across the line of sight and the part along it per
    /// unit of F (see <c>GroundStep</c>): at a focal length f the step spans √(across² + (F(f)·along)²). Without
    /// perspective, along is in metres and F is 1. For fitting the focal length to the lane's markings.
    /// </summary>
    internal (double Across, double AlongPerDepthScale) GroundStepAt(int step) =>
        GroundStep(_x, _y, _width, HorizonY, step, _imageWidth, HorizonY is { } h ? DepthScale(_focal, _imageHeight, h) : 1);

    /// <summary>F = f / cos(tilt) for a focal length, or 1 without a horizon.</summary>
    internal double DepthScaleFor(double focalLength) => HorizonY is { } h ? DepthScale(focalLength, _imageHeight, h) : 1;

    /// <summary>Focal length in pixels assumed for an image width (60° horizontal field of view).</summary>
    public static double DefaultFocalLength(int imageWidth) => imageWidth / (2 * Math.Tan(Math.PI / 6));

    /// <summary>Lane width in pixels assumed when the analyst gives none: a lane a little under 4 % of the image width.</summary>
    public static double DefaultWidth(int imageWidth, int imageHeight) => Math.Max(8, 0.035 * Math.Max(imageWidth, imageHeight));

    public static LaneGeometry Build(LaneProfile lane, int imageWidth, int imageHeight, double? focalLength = null)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var points = lane.Points;
        var f = focalLength ?? DefaultFocalLength(imageWidth);
        var defaultWidth = DefaultWidth(imageWidth, imageHeight);

        // Cumulative pixel length at each vertex.
        var vertexLength = new double[points.Count];
        for (var i = 1; i < points.Count; i++)
        {
            vertexLength[i] = vertexLength[i - 1] + LaneProfile.Distance(points[i - 1], points[i]);
        }

        var total = vertexLength[^1];
        var count = Math.Max(2, (int)Math.Floor(total) + 1);
        var x = new double[count];
        var y = new double[count];
        var nx = new double[count];
        var ny = new double[count];
        var width = new double[count];
        var segment = 0;
        for (var s = 0; s < count; s++)
        {
            var at = Math.Min(s, total);
            while (segment < points.Count - 2 && vertexLength[segment + 1] < at)
            {
                segment++;
            }

            var a = points[segment];
            var b = points[segment + 1];
            var length = vertexLength[segment + 1] - vertexLength[segment];
            var t = length > 0 ? (at - vertexLength[segment]) / length : 0;
            x[s] = a.X + ((b.X - a.X) * t);
            y[s] = a.Y + ((b.Y - a.Y) * t);
            var dx = length > 0 ? (b.X - a.X) / length : 1;
            var dy = length > 0 ? (b.Y - a.Y) / length : 0;
            nx[s] = -dy;
            ny[s] = dx;
            width[s] = lane.Widths is { } w ? w[segment] + ((w[segment + 1] - w[segment]) * t) : defaultWidth;
        }

        var (horizon, perspective) = lane.Widths is { } widths ? FindHorizon(points, widths) : (null, false);
        var metres = new double[count];
        FillMetres(x, y, width, horizon, f, imageWidth, imageHeight, metres);
        if (lane.MetresFromHead is { } calibration)
        {
            Recalibrate(metres, vertexLength, calibration);
        }

        return new LaneGeometry(x, y, nx, ny, width, metres, horizon, perspective, f, imageWidth, imageHeight);
    }

    /// <summary>
    /// Distances from the head of every step on flat ground. A ground point d rows below the horizon and u columns
    /// right of the image centre lies at (3.5 m / a)·(u / d, F / d), a being the lane's width per row below the
    /// horizon and F = f / cos(tilt) the distance from the optical centre to the horizon above the image centre; with
    /// a = w / d, a step (du, dv) moves 3.5 m / w·(du − u·dv / d) across the line of sight and 3.5 m / w·F·dv / d along
    /// it. Only the second depends on the focal length. The u·dv / d term keeps a lane that heads straight away but
    /// off the image's centre column (slanting in the picture) from counting its slant as sideways ground. Near the
    /// horizon d is held at F / <see cref="MaxForeshortening"/>.
    /// </summary>
    private static void FillMetres(double[] x, double[] y, double[] width, double? horizon, double focalLength, int imageWidth, int imageHeight, double[] metres)
    {
        var depthScale = horizon is { } h ? DepthScale(focalLength, imageHeight, h) : 1;
        metres[0] = 0;
        for (var s = 1; s < x.Length; s++)
        {
            var (across, along) = GroundStep(x, y, width, horizon, s, imageWidth, depthScale);
            metres[s] = metres[s - 1] + Math.Sqrt((across * across) + (depthScale * along * depthScale * along));
        }
    }

    /// <summary>
    /// The step from <paramref name="step"/> − 1 to <paramref name="step"/> on the ground: metres across the line of
    /// sight, and metres along it per unit of F (<paramref name="depthScale"/> only sets where the cap near the
    /// horizon begins).
    /// </summary>
    private static (double Across, double AlongPerDepthScale) GroundStep(double[] x, double[] y, double[] width, double? horizon, int step, int imageWidth, double depthScale)
    {
        var dx = x[step] - x[step - 1];
        var dy = y[step] - y[step - 1];
        var metresPerPixel = LaneProfile.LaneWidthMetres / Math.Max(1, (width[step] + width[step - 1]) / 2);
        if (horizon is not { } h)
        {
            return (metresPerPixel * dx, metresPerPixel * dy);
        }

        var below = Math.Max(((y[step] + y[step - 1]) / 2) - h, depthScale / MaxForeshortening);
        var across = dx - ((((x[step] + x[step - 1]) / 2) - (imageWidth / 2.0)) * dy / below);
        return (metresPerPixel * across, metresPerPixel * dy / below);
    }

    /// <summary>F = f / cos(tilt): the distance in pixels from the optical centre to the horizon above the image centre.</summary>
    private static double DepthScale(double focalLength, int imageHeight, double horizonY) =>
        Math.Sqrt((focalLength * focalLength) + (((imageHeight / 2.0) - horizonY) * ((imageHeight / 2.0) - horizonY)));

    /// <summary>
    /// Fits width = a·(y − horizon) over the vertices. Perspective is accepted only when the widths shrink upwards
    /// clearly and consistently; otherwise the lane is treated as seen from above.
    /// </summary>
    internal static (double? HorizonY, bool HasPerspective) FindHorizon(IReadOnlyList<PixelPoint> points, IReadOnlyList<double> widths)
    {
        var n = points.Count;
        double meanY = 0, meanW = 0;
        for (var i = 0; i < n; i++)
        {
            meanY += points[i].Y;
            meanW += widths[i];
        }

        meanY /= n;
        meanW /= n;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (points[i].Y - meanY) * (widths[i] - meanW);
            sxx += (points[i].Y - meanY) * (points[i].Y - meanY);
        }

        var minW = widths.Min();
        var maxW = widths.Max();
        if (sxx < 1 || maxW < 1.15 * minW)
        {
            return (null, false);
        }

        var slope = sxy / sxx;
        if (slope <= 0)
        {
            return (null, false);
        }

        var horizon = meanY - (meanW / slope);
        // The horizon must lie above every point of the lane, or the fit is not perspective.
        return horizon < points.Min(p => p.Y) ? (horizon, true) : (null, false);
    }

    /// <summary>Rescales the metres of each segment so the vertices sit at the calibrated distances.</summary>
    private static void Recalibrate(double[] metres, double[] vertexLength, IReadOnlyList<double> calibration)
    {
        var original = (double[])metres.Clone();
        for (var v = 0; v < vertexLength.Length - 1; v++)
        {
            var from = (int)Math.Round(vertexLength[v]);
            var to = Math.Min(metres.Length - 1, (int)Math.Round(vertexLength[v + 1]));
            var span = original[to] - original[from];
            for (var s = from; s <= to; s++)
            {
                var t = span > 0 ? (original[s] - original[from]) / span : (to > from ? (double)(s - from) / (to - from) : 0);
                metres[s] = calibration[v] + ((calibration[v + 1] - calibration[v]) * t) - calibration[0];
            }
        }
    }
}
