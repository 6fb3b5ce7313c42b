using OpenCvSharp;

namespace BorderWatch.Vision.Queues;

/// <summary>
/// Fits the focal length to a lane's dashed markings. Widths fix the scale across the lane and locate the horizon,
/// but depth along the line of sight also scales with the focal length, which one image does not give (a 60° field of
/// view is assumed, and webcams range from 50° to 70° and beyond: ±15 % on every length, and so on every vehicle
/// count). Dashed lane lines repeat at a fixed period on the ground (3 m of paint and 9 m of gap on many roads), so
/// the focal length is the one whose metres put the paint of every dash along the lane at the same phase of that
/// period: the brightness along the lane's edges is folded over the period, for each candidate focal length, and the
/// one where a dash-long window stands out most from the rest wins. Folding the whole lane weighs the far dashes,
/// whose position a wrong focal length moves most, instead of comparing neighbouring dashes only.
/// </summary>
internal static class MarkingScale
{
    /// <summary>Samples across each lane edge (the paint may sit a little off where the analyst drew the edge).</summary>
    private const int EdgeColumns = 7;

    /// <summary>Share of the lane width searched either side of each drawn edge.</summary>
    private const double EdgeSpan = 0.12;

    /// <summary>
    /// Columns either side of a sample that must both be darker for it to be paint: a thin bright line, which the
    /// side of a vehicle (dark on one side, bright on the other) or a bright roof filling the band is not.
    /// </summary>
    private const int LineFlank = 2;

    /// <summary>Least lane width in pixels for a 16 cm line to show in the edge bands.</summary>
    private const double MinWidthPixels = 14;

    /// <summary>Farthest a one-pixel step may reach, in metres, for the dashes there to be resolved.</summary>
    private const double MaxStepMetres = 1;

    /// <summary>Least resolved length of lane, in periods, for a fit.</summary>
    private const double MinPeriods = 2.5;

    /// <summary>Least length of a piece of lane (metres at the assumed focal length) that the fold places as one.</summary>
    private const double PieceMetres = 0.25;

    /// <summary>Bins over one period when folding.</summary>
    private const int PhaseBins = 24;

    /// <summary>Share of the period that is paint (3 m of 12 m).</summary>
    private const double DashShare = 0.25;

    /// <summary>Focal lengths searched, as shares of the assumed one (a 60° field of view: 40°–80°).</summary>
    private const double MinFocalShare = 0.7;

    /// <summary>Longest focal length searched, as a share of the assumed one.</summary>
    private const double MaxFocalShare = 1.45;

    /// <summary>Relative step of the coarse search; the best coarse candidate is refined at a fifth of it.</summary>
    private const double CoarseStep = 0.02;

    /// <summary>
    /// Least contrast of the folded dash against the rest of the period, in standard deviations of the edge signal
    /// summed over both edges, for the dashes to count as found. On the generated scenes fits reach 1.6–6 where the
    /// dashes show; of the few between 1.2 and 1.5, two were wrong by 13–16 %, as wrong as the assumed focal length.
    /// </summary>
    private const double MinContrast = 1.2;

    /// <summary>
    /// The focal length in pixels that the lane's dashes give, or null when no dash period is found.
    /// <paramref name="image"/> is best the empty-road reference, where no vehicle hides the paint.
    /// </summary>
    public static double? FocalLength(Mat image, LaneGeometry geometry, double periodMetres) =>
        Fit(image, geometry, periodMetres) is { Contrast: >= MinContrast } fit ? fit.Focal : null;

    /// <summary>The best focal length and its contrast, or null when too little of the lane resolves the dashes.</summary>
    internal static (double Focal, double Contrast)? Fit(Mat image, LaneGeometry geometry, double periodMetres)
    {
        if (periodMetres <= 0 || geometry.Count < 40 || geometry.HorizonY is null)
        {
            return null;
        }

        var pieces = Pieces(image, geometry);
        var resolvedMetres = pieces.Sum(p => p.Weight);
        if (resolvedMetres < MinPeriods * periodMetres)
        {
            return null;
        }

        // Each edge's mean and spread over the resolved ground.
        var spread = new double[2];
        for (var side = 0; side < 2; side++)
        {
            double sum = 0, squares = 0;
            foreach (var piece in pieces)
            {
                var signal = side == 0 ? piece.Left : piece.Right;
                sum += piece.Weight * signal;
                squares += piece.Weight * signal * signal;
            }

            var mean = sum / resolvedMetres;
            spread[side] = Math.Sqrt(Math.Max(0, (squares / resolvedMetres) - (mean * mean)));
        }

        var assumed = geometry.FocalLength;
        double Contrast(double focal) => FoldedContrast(pieces, geometry.DepthScaleFor(focal), spread, periodMetres);
        var coarse = (int)Math.Round(Math.Log(MaxFocalShare / MinFocalShare) / CoarseStep);
        var best = -1;
        var bestContrast = double.MinValue;
        for (var i = 0; i <= coarse; i++)
        {
            var contrast = Contrast(assumed * MinFocalShare * Math.Exp(i * CoarseStep));
            if (contrast > bestContrast)
            {
                (best, bestContrast) = (i, contrast);
            }
        }

        // A best fit at the end of the range is something else's period, not the dashes'.
        if (best == 0 || best == coarse)
        {
            return null;
        }

        var focalBest = assumed * MinFocalShare * Math.Exp(best * CoarseStep);
        for (var k = -4; k <= 4; k++)
        {
            if (k == 0)
            {
                continue;
            }

            var focal = assumed * MinFocalShare * Math.Exp((best + (k / 5.0)) * CoarseStep);
            var contrast = Contrast(focal);
            if (contrast > bestContrast)
            {
                (focalBest, bestContrast) = (focal, contrast);
            }
        }

        return (focalBest, bestContrast);
    }

    /// <summary>
    /// A stretch of consecutive steps, at least <see cref="PieceMetres"/> long at the assumed focal length: the ground
    /// it spans across the line of sight and along it per unit of F, the metres of it where the dashes are resolved,
    /// and the mean paint signal of each edge there.
    /// </summary>
    private readonly record struct Piece(double Across, double Along, double Weight, double Left, double Right);

    /// <summary>
    /// The lane from its first to its last step that resolves the dashes, in pieces: one-pixel steps near the camera
    /// span centimetres, which the dashes do not need, and pieces make the fit cost the same on a large picture as on
    /// a small one.
    /// </summary>
    private static Piece[] Pieces(Mat image, LaneGeometry geometry)
    {
        var n = geometry.Count;
        var fractions = LaneGeometry.EdgeBandFractions(EdgeColumns, 2 * EdgeSpan / (EdgeColumns - 1));
        using var mapX = new Mat(n, EdgeColumns * 2, MatType.CV_32FC1);
        using var mapY = new Mat(n, EdgeColumns * 2, MatType.CV_32FC1);
        geometry.FillGroundCrossSectionMaps(mapX, mapY, fractions);
        // Sample first, convert after: converting the whole picture would cost as much as the rest of the estimate.
        using var colour = new Mat();
        Cv2.Remap(image, colour, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
        using var grey = new Mat();
        Cv2.CvtColor(colour, grey, ColorConversionCodes.BGR2GRAY);
        grey.GetArray(out byte[] values);

        bool Resolved(int s) => geometry.WidthAt(s) >= MinWidthPixels && geometry.MetresBetween(s - 1, s) <= MaxStepMetres;
        var first = 1;
        while (first < n && !Resolved(first))
        {
            first++;
        }

        var last = n - 1;
        while (last > first && !Resolved(last))
        {
            last--;
        }

        var pieces = new List<Piece>();
        double across = 0, along = 0, weight = 0, metres = 0;
        var signal = new double[2];
        for (var s = first; s <= last; s++)
        {
            var step = geometry.GroundStepAt(s);
            across += step.Across;
            along += step.AlongPerDepthScale;
            var stepMetres = geometry.MetresBetween(s - 1, s);
            metres += stepMetres;
            if (Resolved(s))
            {
                weight += stepMetres;
                for (var side = 0; side < 2; side++)
                {
                    signal[side] += stepMetres * PaintSignal(values, (s * EdgeColumns * 2) + (side * EdgeColumns));
                }
            }

            if (metres >= PieceMetres || s == last)
            {
                pieces.Add(weight > 0 ? new Piece(across, along, weight, signal[0] / weight, signal[1] / weight) : new Piece(across, along, 0, 0, 0));
                (across, along, weight, metres, signal[0], signal[1]) = (0, 0, 0, 0, 0, 0);
            }
        }

        return [.. pieces];
    }

    /// <summary>How far the brightest sample of an edge band stands above both its flanks: a thin bright line.</summary>
    private static int PaintSignal(byte[] values, int start)
    {
        var line = 0;
        for (var c = start + LineFlank; c < start + EdgeColumns - LineFlank; c++)
        {
            line = Math.Max(line, Math.Min(values[c] - values[c - LineFlank], values[c] - values[c + LineFlank]));
        }

        return line;
    }

    /// <summary>
    /// Folds both edges' signals over the period at the metres a depth scale F gives, and returns, summed over the
    /// edges, how far the brightest dash-long window of the fold stands above the rest of it, in standard deviations
    /// of the edge's signal.
    /// </summary>
    private static double FoldedContrast(Piece[] pieces, double depthScale, double[] spread, double periodMetres)
    {
        Span<double> sums = stackalloc double[PhaseBins * 2];
        Span<double> weights = stackalloc double[PhaseBins];
        var binsPerMetre = PhaseBins / periodMetres;
        var squaredScale = depthScale * depthScale;
        var position = 0.0;
        foreach (var piece in pieces)
        {
            var length = Math.Sqrt((piece.Across * piece.Across) + (squaredScale * piece.Along * piece.Along));
            if (piece.Weight > 0)
            {
                var bin = (int)((position + (length / 2)) * binsPerMetre) % PhaseBins;
                weights[bin] += piece.Weight;
                sums[bin] += piece.Weight * piece.Left;
                sums[PhaseBins + bin] += piece.Weight * piece.Right;
            }

            position += length;
        }

        var window = (int)Math.Round(PhaseBins * DashShare);
        var allWeight = 0.0;
        foreach (var w in weights)
        {
            allWeight += w;
        }

        var total = 0.0;
        for (var side = 0; side < 2; side++)
        {
            var sideSums = sums.Slice(side * PhaseBins, PhaseBins);
            if (spread[side] <= 0)
            {
                continue;
            }

            var allSum = 0.0;
            foreach (var v in sideSums)
            {
                allSum += v;
            }

            var best = double.MinValue;
            for (var start = 0; start < PhaseBins; start++)
            {
                double inSum = 0, inWeight = 0;
                for (var k = 0; k < window; k++)
                {
                    inSum += sideSums[(start + k) % PhaseBins];
                    inWeight += weights[(start + k) % PhaseBins];
                }

                var outWeight = allWeight - inWeight;
                if (inWeight > 0 && outWeight > 0)
                {
                    best = Math.Max(best, (inSum / inWeight) - ((allSum - inSum) / outWeight));
                }
            }

            if (best > double.MinValue)
            {
                total += best / spread[side];
            }
        }

        return total;
    }
}
