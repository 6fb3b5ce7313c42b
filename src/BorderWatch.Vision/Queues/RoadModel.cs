using OpenCvSharp;

namespace BorderWatch.Vision.Queues;

/// <summary>
/// The colour of the empty road along a lane, learned without a reference frame: in blocks along the lane, the
/// commonest lightness among smooth, nearly grey samples (asphalt is the one surface that fills every block; cars
/// come in many colours and spread over the histogram), then the median colour near that lightness.
/// </summary>
internal sealed class RoadModel
{
    private const int Blocks = 6;

    /// <summary>
    /// How much the lane's own samples count against its surroundings: at a road's edge the surroundings are half
    /// verge (as grey as asphalt at dusk); in a jam the lane is half vehicles.
    /// </summary>
    private const double LaneWeight = 2;

    private readonly (double L, double A, double B, double Spread)[] _blocks;
    private readonly int _rows;

    private RoadModel((double L, double A, double B, double Spread)[] blocks, int rows)
    {
        _blocks = blocks;
        _rows = rows;
    }

    /// <summary>Samples across each lane edge in the marking strip (<see cref="MarkingFractions"/>).</summary>
    internal const int MarkingColumns = 17;

    /// <summary>Spacing of the marking strip's samples, as a share of the lane width.</summary>
    private const double MarkingPitch = 0.02;

    /// <summary>
    /// Least lane width in pixels at which a lane line (0.15 m of 3.5 m, under 5 % of the width) spans enough pixels
    /// to stand out from the asphalt either side of it.
    /// </summary>
    internal const double MinMarkingWidthPixels = 30;

    /// <summary>
    /// Chroma (|a − 128| + |b − 128|) under which a sample is nearly grey, as asphalt is: the road's lightness is learned
    /// from such samples only.
    /// </summary>
    private const double MaxGreyChroma = 16;

    /// <summary>
    /// Chroma from which the colour of the samples at the road's lightness is a vehicle's paint, not asphalt (whose tint
    /// in haze, rain or dusk stays well under it): a block filled by a red roof as light as the road gave the road its
    /// red, and the roof read as road. 22–45 gave the same figures on the generated scenes; 16 also moved a far block
    /// of tinted asphalt.
    /// </summary>
    private const double MinPaintChroma = 30;

    /// <summary>Least number of asphalt samples beside the markings for them to decide which grey is the road.</summary>
    private const int MinAsphaltSamples = 6;

    /// <summary>
    /// Fractions of the lane width (for <see cref="LaneGeometry.FillCrossSectionMaps"/>) of the marking strip: a band
    /// of <see cref="MarkingColumns"/> samples across the left edge, then one across the right edge.
    /// </summary>
    internal static double[] MarkingFractions() => LaneGeometry.EdgeBandFractions(MarkingColumns, MarkingPitch);

    /// <summary>
    /// Learns from the lane's own samples and its surroundings (same rows), the lane weighing <see cref="LaneWeight"/>;
    /// the textures are their edge energies (<see cref="StripProfile.Texture"/>), which the caller has already.
    /// <paramref name="markings"/> (Lab, <see cref="MarkingColumns"/> × 2 per row, rows as the lane's) are the bands
    /// across the lane's edges, used where <paramref name="resolved"/> says the lane is wide enough for the paint.
    /// </summary>
    public static RoadModel Learn(
        Vec3b[] lane, float[] laneTexture, int laneCols, Vec3b[] context, float[] contextTexture, int contextCols, int rows,
        Vec3b[]? markings = null, bool[]? resolved = null)
    {
        var cuts = (StripProfile.Percentile(laneTexture, 0.5), StripProfile.Percentile(contextTexture, 0.5));
        var blocks = new (double, double, double, double)[Blocks];
        var asphalt = markings is not null && resolved is not null ? AsphaltBesideMarkings(markings, rows, resolved) : [];
        var everything = Model(lane, laneTexture, laneCols, context, contextTexture, contextCols, cuts, 0, rows, AsphaltLightness(asphalt, 0, rows));
        for (var b = 0; b < Blocks; b++)
        {
            var from = rows * b / Blocks;
            var to = rows * (b + 1) / Blocks;
            // Asphalt brightens with haze along the lane: the block's own samples beside the markings where it has
            // enough, else the whole lane's.
            var blockAsphalt = AsphaltLightness(asphalt, from, to) ?? AsphaltLightness(asphalt, 0, rows);
            var block = to - from < 4 ? everything : Model(lane, laneTexture, laneCols, context, contextTexture, contextCols, cuts, from, to, blockAsphalt);
            // Asphalt changes slowly along a road; a block whose commonest grey is far from the whole lane's is a
            // block filled by one big vehicle (a white van, a grey trailer), not different asphalt.
            blocks[b] = Math.Abs(block.L - everything.L) <= Math.Max(12, 0.2 * everything.L) ? block : everything;
        }

        return new RoadModel(blocks, rows);
    }

    /// <summary>Road colour and lightness spread at a row, interpolated between block centres.</summary>
    public (double L, double A, double B, double Spread) At(int row)
    {
        var position = (((row + 0.5) * Blocks) / _rows) - 0.5;
        var low = Math.Clamp((int)Math.Floor(position), 0, Blocks - 1);
        var high = Math.Min(Blocks - 1, low + 1);
        var t = Math.Clamp(position - low, 0, 1);
        var a = _blocks[low];
        var b = _blocks[high];
        return (a.L + ((b.L - a.L) * t), a.A + ((b.A - a.A) * t), a.B + ((b.B - a.B) * t), Math.Max(a.Spread, b.Spread));
    }

    /// <summary>
    /// Lightness of the asphalt beside the lane's markings. Paint is laid on the road, so the surface either side of a
    /// thin bright line at the lane's edge is asphalt — whatever fills the lane. A vehicle is never a thin line between
    /// two equal greys, so a white box or a grey trailer that fills the lane cannot pass for this.
    /// </summary>
    internal static List<(int Row, double L, double Paint)> AsphaltBesideMarkings(Vec3b[] markings, int rows, bool[] resolved)
    {
        const int Cols = MarkingColumns * 2;
        const int Flank = 5; // 0.1 of the lane width, 0.35 m: beside a 0.15 m line, inside the gap to the vehicles
        const int Shoulder = 3; // 0.06 of the width: off the paint already
        var found = new List<(int Row, double L, double Paint)>();
        for (var r = 0; r < rows; r++)
        {
            if (!resolved[r])
            {
                continue;
            }

            for (var side = 0; side < 2; side++)
            {
                var o = (r * Cols) + (side * MarkingColumns);
                var centre = MarkingColumns / 2;
                // The line may sit a little off the drawn edge.
                var ridge = -1;
                for (var c = centre - 4; c <= centre + 4; c++)
                {
                    if (ridge < 0 || markings[o + c].Item0 > markings[o + ridge].Item0)
                    {
                        ridge = c;
                    }
                }

                if (ridge - Flank - 1 < 0 || ridge + Flank + 1 >= MarkingColumns)
                {
                    continue;
                }

                var paint = (double)markings[o + ridge].Item0;
                var left = markings[o + ridge - Flank];
                var right = markings[o + ridge + Flank];
                var flank = (left.Item0 + right.Item0) / 2.0;
                var grey = Math.Abs(left.Item1 - 128) + Math.Abs(left.Item2 - 128) < 16 && Math.Abs(right.Item1 - 128) + Math.Abs(right.Item2 - 128) < 16;
                var agree = Math.Abs(left.Item0 - right.Item0) <= Math.Max(6, 0.1 * flank)
                    && Math.Abs(left.Item1 - right.Item1) + Math.Abs(left.Item2 - right.Item2) < 8;
                // Smooth flanks: the next sample out is the same surface.
                var smooth = Math.Abs(left.Item0 - markings[o + ridge - Flank - 1].Item0) <= Math.Max(6, 0.1 * flank)
                    && Math.Abs(right.Item0 - markings[o + ridge + Flank + 1].Item0) <= Math.Max(6, 0.1 * flank);
                var bright = paint >= Math.Max(flank + 15, 1.3 * flank);
                // Thin: a little way off the ridge the surface is nearly the flanks' already.
                var thin = markings[o + ridge - Shoulder].Item0 < flank + (0.4 * (paint - flank))
                    && markings[o + ridge + Shoulder].Item0 < flank + (0.4 * (paint - flank));
                if (grey && agree && smooth && bright && thin)
                {
                    found.Add((r, flank, paint));
                }
            }
        }

        if (found.Count == 0)
        {
            return found;
        }

        // In sunshine some lines lie in vehicles' shadows, and so does the asphalt beside them: keep the lines lit as
        // brightly as the brightest (paint is one colour), whose asphalt is the sunlit road.
        var brightest = StripProfile.Percentile([.. found.Select(f => (float)Math.Round(f.Paint))], 0.9);
        return [.. found.Where(f => f.Paint >= 0.8 * brightest)];
    }

    /// <summary>Median asphalt lightness beside the markings within rows, when there are enough samples.</summary>
    private static double? AsphaltLightness(List<(int Row, double L, double Paint)> asphalt, int fromRow, int toRow)
    {
        var within = asphalt.Where(a => a.Row >= fromRow && a.Row < toRow).Select(a => (float)Math.Round(a.L)).ToArray();
        return within.Length >= MinAsphaltSamples ? StripProfile.Median(within) : null;
    }

    private static (double L, double A, double B, double Spread) Model(
        Vec3b[] lane, float[] laneTexture, int laneCols, Vec3b[] context, float[] contextTexture, int contextCols,
        (float Lane, float Context) cuts, int fromRow, int toRow, double? asphalt)
    {
        var histogram = new double[256];
        var any = false;
        void Count(Vec3b[] lab, float[] texture, int cols, float cut, double weight)
        {
            for (var i = fromRow * cols; i < toRow * cols; i++)
            {
                var chroma = Chroma(lab[i].Item1, lab[i].Item2);
                if (texture[i] <= cut && chroma < MaxGreyChroma)
                {
                    histogram[lab[i].Item0] += weight;
                    any = true;
                }
            }
        }

        Count(lane, laneTexture, laneCols, cuts.Lane, LaneWeight);
        Count(context, contextTexture, contextCols, cuts.Context, 1);
        if (!any)
        {
            for (var i = fromRow * laneCols; i < toRow * laneCols; i++)
            {
                histogram[lane[i].Item0]++;
            }
        }

        // Smooth over ±4 levels so noise does not split the asphalt's peak.
        var smoothed = new double[256];
        for (var l = 0; l < 256; l++)
        {
            for (var d = -4; d <= 4; d++)
            {
                if (l + d is >= 0 and < 256)
                {
                    smoothed[l] += histogram[l + d] * (5 - Math.Abs(d));
                }
            }
        }

        var best = 0;
        for (var l = 1; l < 256; l++)
        {
            if (smoothed[l] > smoothed[best])
            {
                best = l;
            }
        }

        var bestValue = smoothed[best];

        if (asphalt is { } road)
        {
            // The asphalt beside the markings says which grey is the road: the peak nearest to it, or that lightness
            // itself when no peak is near (a lane and surroundings full of vehicles).
            var nearest = -1;
            for (var l = 1; l < 255; l++)
            {
                var isPeak = smoothed[l] >= 0.1 * bestValue && smoothed[l] >= smoothed[l - 1] && smoothed[l] >= smoothed[l + 1];
                if (isPeak && (nearest < 0 || Math.Abs(l - road) < Math.Abs(nearest - road)))
                {
                    nearest = l;
                }
            }

            best = nearest >= 0 && Math.Abs(nearest - road) <= Math.Max(10, 0.15 * road) ? nearest : (int)Math.Round(road);
            return Describe(lane, laneCols, fromRow, toRow, best);
        }

        // In sunshine the commonest road may be the part in vehicles' shadows; the sunlit road is then a second, strong
        // peak 1.3–1.9 times brighter (a shadow keeps 50–75 % of the light). Brighter than that is a white vehicle.
        var lit = -1;
        for (var l = (int)Math.Ceiling(best * 1.3); l <= Math.Min(255, (int)(best * 1.9)); l++)
        {
            var isPeak = smoothed[l] >= 0.5 * bestValue && (l == 0 || smoothed[l] >= smoothed[l - 1]) && (l == 255 || smoothed[l] >= smoothed[l + 1]);
            if (isPeak && (lit < 0 || smoothed[l] > smoothed[lit]))
            {
                lit = l;
            }
        }

        if (lit > 0)
        {
            best = lit;
        }

        return Describe(lane, laneCols, fromRow, toRow, best);
    }

    /// <summary>Distance of a Lab colour's a and b from grey (128, 128).</summary>
    private static double Chroma(double a, double b) => Math.Abs(a - 128) + Math.Abs(b - 128);

    /// <summary>Median colour and lightness spread of the lane's samples near a road lightness.</summary>
    private static (double L, double A, double B, double Spread) Describe(Vec3b[] lab, int cols, int fromRow, int toRow, int best)
    {
        var near = new List<int>();
        for (var i = fromRow * cols; i < toRow * cols; i++)
        {
            if (Math.Abs(lab[i].Item0 - best) <= 8)
            {
                near.Add(i);
            }
        }

        if (near.Count == 0)
        {
            return (best, 128, 128, 4);
        }

        var a = StripProfile.Median([.. near.Select(i => (float)lab[i].Item1)]);
        var b = StripProfile.Median([.. near.Select(i => (float)lab[i].Item2)]);
        // The lightness was learned from grey samples: where most samples at it are a vehicle's paint, the road's colour
        // is that of the grey ones among them.
        if (Chroma(a, b) >= MinPaintChroma && near.Where(i => Chroma(lab[i].Item1, lab[i].Item2) < MaxGreyChroma).ToList() is { Count: > 0 } grey)
        {
            a = StripProfile.Median([.. grey.Select(i => (float)lab[i].Item1)]);
            b = StripProfile.Median([.. grey.Select(i => (float)lab[i].Item2)]);
        }

        var spread = 1.4826 * StripProfile.Median([.. near.Select(i => (float)Math.Abs(lab[i].Item0 - best))]);
        return (best, a, b, Math.Max(2, spread));
    }
}
