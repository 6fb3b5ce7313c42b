using OpenCvSharp;

namespace BorderWatch.Vision.Queues;

/// <summary>
/// Per-step cues along a lane strip (rows = steps from the head, columns = samples across the lane): the share of
/// each row's samples that are not empty road, and how clearly road and vehicles separated.
/// </summary>
internal sealed class StripProfile
{
    /// <summary>A row is occupied when at least this share of its samples is not road.</summary>
    public const double OccupiedAbove = 0.35;

    /// <summary>
    /// Least Lab a (8-bit, grey = 128) of a lit red lamp: the road's grey lies within a few units of 128 (142 and 145 gave
    /// the same queue ends on the generated scenes).
    /// </summary>
    private const int LampRedness = 145;

    /// <summary>Most of the lane's rows that may show red lamps; more is a red surface, not lamps.</summary>
    private const double MaxLampShare = 0.3;

    /// <summary>Largest hue difference (Lab a + b) to the road of road in shadow.</summary>
    private const double ShadowChroma = 10;

    /// <summary>Least and greatest darkening of the road (lightness ratio) that may be a cast shadow.</summary>
    private const double MinShadowRatio = 0.35, MaxShadowRatio = 0.85;

    /// <summary>Half-width of the band of lightness ratios around the picture's shadow peak that counts as shadow.</summary>
    private const double ShadowTolerance = 0.08;

    /// <summary>Least share of the surroundings' samples at the shadow peak for the picture to have cast shadows.</summary>
    private const double MinShadowShare = 0.01;

    /// <summary>
    /// Without cast shadows in the picture, the least darkening below the road (lightness units, and share of the road's
    /// lightness) that is not road; the road's own lightness spread raises it where the asphalt is worn or noisy. At
    /// dusk and in rain dark and grey cars differ from the asphalt by less than the symmetric limit (10 units, 0.16 of
    /// the road, 2.5 spreads) and were read as road: runs broke and the queue ended early. Without cast shadows nothing
    /// on the road is darker than it but vehicles, so the darker side can be tighter. One or 0.8–1.2 spreads gave the
    /// same figures; 2 spreads or more changed nothing (the spread, not the floor, is what set the limit).
    /// </summary>
    private const double MinDarkening = 6, DarkeningShare = 0.10;

    /// <summary>
    /// Rows either side over which the road beside the lane has its level (median): a sealing strip takes a few rows,
    /// so the median of 21 is the road's.
    /// </summary>
    private const int CrossLineWindow = 10;

    /// <summary>
    /// Most rows a line across the road may darken (beside the lane and in it): a sealing strip is a quarter of a
    /// metre deep, a few rows with blur; a vehicle or its shadow beside the lane takes more wherever rows are short.
    /// </summary>
    private const int MaxCrossLineRows = 6;

    /// <summary>
    /// Least darkening (share of the road's lightness) of a line across the road: sealing strips are about 0.6 of the
    /// asphalt's lightness (0.2 and 0.25 gave the same figures; 0.15 let cars' glass beside and in the lane match).
    /// </summary>
    private const double CrossLineDarkening = 0.25;

    /// <summary>Largest lightness difference (share of the road's) between the line in the lane and beside it.</summary>
    private const double CrossLineMatch = 0.1;

    private StripProfile(double[] occupancy, bool[] bothSides, bool[] lamps, (double L, double A, double B)[] rowColour, double separation, double brightness, bool usedReference, bool[] crossLines)
    {
        CrossLines = crossLines;
        Lamps = lamps;
        RowColour = rowColour;
        Occupancy = occupancy;
        BothSides = bothSides;
        Separation = separation;
        Brightness = brightness;
        UsedReference = usedReference;
    }

    public double[] Occupancy { get; }

    /// <summary>Per row, whether a thin dark line across the whole road (a sealing strip) crosses the lane there.</summary>
    public bool[] CrossLines { get; }

    /// <summary>
    /// Per row, whether both halves of the lane's centre hold something that is not road: a vehicle in the lane
    /// stands on both, while a tall vehicle in the next lane leaning into the picture (or its shadow) covers one side.
    /// </summary>
    public bool[] BothSides { get; }

    /// <summary>
    /// Per row, whether a red lamp shows within the lane: at dusk a dark vehicle's tail or brake lamps may be all the
    /// cues see of it (asphalt is never red).
    /// </summary>
    public bool[] Lamps { get; }

    /// <summary>Mean Lab colour of each row (8-bit Lab scale).</summary>
    public (double L, double A, double B)[] RowColour { get; }

    /// <summary>0–1: how far apart the occupied and empty rows' scores are (1 = clean split).</summary>
    public double Separation { get; }

    /// <summary>Median lightness of the strip, 0–255.</summary>
    public double Brightness { get; }

    public bool UsedReference { get; }

    /// <summary>
    /// Measures a lane strip; <paramref name="context"/> is the lane with its surroundings, and
    /// <paramref name="reference"/> the same two in the empty-road frame (remapped with the same tables).
    /// Without a reference, the road's colour is learned from the strip, its context and, where
    /// <paramref name="resolved"/>, the asphalt beside the lane's markings in <paramref name="markings"/> (see
    /// <see cref="RoadModel.MarkingFractions"/>).
    /// </summary>
    public static StripProfile Measure(Mat strip, Mat context, (Mat Strip, Mat Context)? reference, Mat? markings = null, bool[]? resolved = null)
    {
        var rows = strip.Rows;
        var cols = strip.Cols;
        var lab = ToLab(strip);
        var contextLab = ToLab(context);
        var texture = Texture(lab, rows, cols);
        var contextTexture = Texture(contextLab, rows, context.Cols);
        var notRoad = new bool[rows * cols];
        Func<int, double>? roadLightness = null;
        var lightness = new float[rows * cols];
        for (var i = 0; i < lightness.Length; i++)
        {
            lightness[i] = lab[i].Item0;
        }

        var brightness = Median(lightness);
        var noise = Math.Max(2, Median(texture));
        var textureLimit = Math.Max(14, 4 * noise);

        if (reference is var (referenceStrip, referenceContext))
        {
            var referenceLab = ToLab(referenceStrip);
            // The change of light, over the lane and its surroundings: the lane alone may be mostly one vehicle (a long
            // truck near the camera covers more than half of the strip's rows), and its ratio then "matched" the light
            // so that the truck read as road and the empty road beyond it as a vehicle.
            var referenceContextLab = ToLab(referenceContext);
            var gain = MedianRatio(contextLab, referenceContextLab);
            var referenceTexture = Texture(referenceLab, rows, cols);
            var shadows = ShadowBand(contextLab, contextTexture, noise, i => ReferenceColour(referenceContextLab, i, gain));
            for (var i = 0; i < notRoad.Length; i++)
            {
                var dl = lab[i].Item0 - (referenceLab[i].Item0 * gain);
                var da = lab[i].Item1 - referenceLab[i].Item1;
                var db = lab[i].Item2 - referenceLab[i].Item2;
                var distance = Math.Sqrt((dl * dl) + (da * da) + (db * db));
                var chroma = Math.Abs(da) + Math.Abs(db);
                notRoad[i] = (distance > Math.Max(18, 3 * noise) && !IsShadow(lab[i].Item0, referenceLab[i].Item0 * gain, chroma, texture[i], noise, shadows))
                    || texture[i] - referenceTexture[i] > textureLimit;
            }
        }
        else
        {
            // The road surface: the commonest lightness among smooth, grey samples of the lane and its surroundings,
            // learned block by block along the lane (haze and shade change it with distance).
            var road = RoadModel.Learn(lab, texture, cols, contextLab, contextTexture, context.Cols, rows, markings is null ? null : ToLab(markings), resolved);
            var contextCols = context.Cols;
            roadLightness = r => road.At(r).L;
            var shadows = ShadowBand(contextLab, contextTexture, noise, i =>
            {
                var (l, a, b, _) = road.At(i / contextCols);
                return (l, a, b);
            });
            for (var r = 0; r < rows; r++)
            {
                var (roadL, roadA, roadB, spread) = road.At(r);
                var lightLimit = Math.Max(Math.Max(10, 0.16 * roadL), 2.5 * spread);
                // Without cast shadows (dusk, rain, overcast) nothing much darker than the road is road: a dark or grey car
                // there differs from the asphalt by less than the symmetric limit, which must also pass lit glare and
                // worn patches lighter than the road.
                var darkLimit = shadows is null ? Math.Max(Math.Max(MinDarkening, DarkeningShare * roadL), spread) : lightLimit;
                for (var c = 0; c < cols; c++)
                {
                    var i = (r * cols) + c;
                    var dl = lab[i].Item0 - roadL;
                    var dc = Math.Abs(lab[i].Item1 - roadA) + Math.Abs(lab[i].Item2 - roadB);
                    var offRoad = dl < 0 ? -dl > darkLimit : dl > lightLimit;
                    notRoad[i] = (offRoad && !IsShadow(lab[i].Item0, roadL, dc, texture[i], noise, shadows)) || dc > 14 || texture[i] > textureLimit;
                }
            }
        }

        // Occupancy counts the lane's centre only: a vehicle in the lane covers it, while a tall vehicle in the next
        // lane leaning into the picture covers one side.
        var centreFrom = cols / 5;
        var centreTo = cols - centreFrom;
        var occupancy = new double[rows];
        var bothSides = new bool[rows];
        var centreHalf = cols / 2;
        var rowColour = new (double L, double A, double B)[rows];
        var lamps = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            var count = 0;
            var left = 0;
            double sl = 0, sa = 0, sb = 0;
            for (var c = 0; c < cols; c++)
            {
                var i = (r * cols) + c;
                count += notRoad[i] && c >= centreFrom && c < centreTo ? 1 : 0;
                left += notRoad[i] && c >= centreFrom && c < centreHalf ? 1 : 0;
                sl += lab[i].Item0;
                sa += lab[i].Item1;
                sb += lab[i].Item2;
            }

            rowColour[r] = (sl / cols, sa / cols, sb / cols);

            occupancy[r] = (double)count / (centreTo - centreFrom);
            bothSides[r] = left > 0 && count > left;
            lamps[r] = HasLamp(lab, r, cols);
        }

        var across = roadLightness is null ? new bool[rows] : CrossRoadLines(lab, cols, centreFrom, centreTo, contextLab, context.Cols, roadLightness);

        // Neighbouring rows: a one-pixel speck is not a vehicle, a one-pixel gap does not split one.
        var smoothed = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            var k = 0;
            for (var d = -1; d <= 1; d++)
            {
                if (r + d >= 0 && r + d < rows)
                {
                    sum += occupancy[r + d];
                    k++;
                }
            }

            smoothed[r] = sum / k;
        }

        if (lamps.Count(l => l) > MaxLampShare * rows)
        {
            // Red over much of the lane is its surface or paint (a red bus lane, red-and-white barriers), not lamps.
            Array.Clear(lamps);
        }

        return new StripProfile(smoothed, bothSides, lamps, rowColour, Separate(smoothed), brightness, reference is not null, across);
    }

    /// <summary>
    /// Rows crossed by a thin dark line across the whole road (a sealing strip, a joint): the lane's centre there is
    /// darker than the lane a few rows either side, where it is the road's lightness, and as dark as a thin dark line
    /// within a few rows on the road just beside the lane (the same line, which a vehicle in the lane could not draw
    /// outside it). <paramref name="roadLightness"/> is the road model's lightness per row.
    /// </summary>
    private static bool[] CrossRoadLines(Vec3b[] lab, int cols, int centreFrom, int centreTo, Vec3b[] contextLab, int contextCols, Func<int, double> roadLightness)
    {
        var rows = lab.Length / cols;
        var laneL = RowMeanLightness(lab, cols, centreFrom, centreTo - 1);
        var line = new bool[rows];
        // Flanks: the road from 0.6 to 1 lane width either side of the lane's centre.
        foreach (var side in new[] { -1, 1 })
        {
            var flank = RowMeanLightness(contextLab, contextCols, FlankFrom(contextCols, side), FlankTo(contextCols, side));
            var (flankLine, levels) = ThinDarkLines(flank, roadLightness);
            for (var r = 0; r < rows; r++)
            {
                if (!IsThinDip(laneL, r, roadLightness(r)))
                {
                    continue;
                }

                // The same line, a few rows off beside the lane where the road is not square to the lane's step.
                for (var k = Math.Max(0, r - MaxCrossLineRows); k <= Math.Min(rows - 1, r + MaxCrossLineRows); k++)
                {
                    if (flankLine[k] && Math.Abs(laneL[r] - flank[k]) <= Math.Max(MinDarkening, CrossLineMatch * levels[k]))
                    {
                        // With its blurred edges, a row either side.
                        line[Math.Max(0, r - 1)] = line[r] = line[Math.Min(rows - 1, r + 1)] = true;
                        break;
                    }
                }
            }
        }

        return line;
    }

    /// <summary>Per row, the mean lightness of columns <paramref name="first"/>–<paramref name="last"/> (inclusive).</summary>
    private static double[] RowMeanLightness(Vec3b[] lab, int cols, int first, int last)
    {
        var rows = lab.Length / cols;
        var means = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var c = first; c <= last; c++)
            {
                sum += lab[(r * cols) + c].Item0;
            }

            means[r] = sum / (last - first + 1);
        }

        return means;
    }

    /// <summary>
    /// Rows of a flank of road darkened in a thin line (at most <see cref="MaxCrossLineRows"/> deep) below its level
    /// there, the level (the running median, also returned) being the road's: a line, not a vehicle or its shadow.
    /// </summary>
    private static (bool[] Line, double[] Levels) ThinDarkLines(double[] flank, Func<int, double> roadLightness)
    {
        var rows = flank.Length;
        var line = new bool[rows];
        var levels = new double[rows];
        var around = new List<double>((2 * CrossLineWindow) + 1);
        for (var r = 0; r < rows; r++)
        {
            around.Clear();
            for (var k = Math.Max(0, r - CrossLineWindow); k <= Math.Min(rows - 1, r + CrossLineWindow); k++)
            {
                around.Add(flank[k]);
            }

            around.Sort();
            levels[r] = around[around.Count / 2];
            var roadL = roadLightness(r);
            line[r] = Math.Abs(levels[r] - roadL) <= RoadLevelTolerance(roadL) && levels[r] - flank[r] >= Math.Max(MinDarkening, CrossLineDarkening * levels[r]);
        }

        ClearLongRuns(line, MaxCrossLineRows);
        return (line, levels);
    }

    /// <summary>Clears every run of set flags longer than <paramref name="maxLength"/>.</summary>
    private static void ClearLongRuns(bool[] flags, int maxLength)
    {
        // The scan is past a run when it is returned, so clearing it does not change the runs after it.
        foreach (var (from, to) in FlagRuns.Of(flags))
        {
            if (to - from + 1 > maxLength)
            {
                Array.Fill(flags, false, from, to - from + 1);
            }
        }
    }

    /// <summary>
    /// True when the lane's lightness at row <paramref name="r"/> dips below the road's within a few rows either side
    /// (a thin dark line), the lane there being the road's lightness.
    /// </summary>
    private static bool IsThinDip(double[] laneL, int r, double roadL)
    {
        var step = Math.Max(MinDarkening, CrossLineDarkening * roadL);
        var before = 0.0;
        var after = 0.0;
        for (var k = 1; k <= MaxCrossLineRows; k++)
        {
            before = Math.Max(before, laneL[Math.Max(0, r - k)]);
            after = Math.Max(after, laneL[Math.Min(laneL.Length - 1, r + k)]);
        }

        return before - laneL[r] >= step && after - laneL[r] >= step && Math.Max(before, after) - roadL >= -RoadLevelTolerance(roadL);
    }

    /// <summary>Lightness difference within which a level is the road's: the light limit of the road's model.</summary>
    private static double RoadLevelTolerance(double roadLightness) => Math.Max(10, 0.16 * roadLightness);

    /// <summary>First column of the context (three lane widths, centred) 0.6–1 lane widths to one side of the lane's centre.</summary>
    private static int FlankFrom(int contextCols, int side) => side < 0 ? (int)Math.Ceiling((contextCols - 1) * (0.5 - (1.0 / 3))) : (int)Math.Ceiling((contextCols - 1) * (0.5 + (0.6 / 3)));

    /// <summary>Last column of the context 0.6–1 lane widths to one side of the lane's centre.</summary>
    private static int FlankTo(int contextCols, int side) => side < 0 ? (int)Math.Floor((contextCols - 1) * (0.5 - (0.6 / 3))) : (int)Math.Floor((contextCols - 1) * (0.5 + (1.0 / 3)));

    /// <summary>True when a sample of the row is as red as a lit lamp (Lab a well above the road's grey).</summary>
    private static bool HasLamp(Vec3b[] lab, int row, int cols)
    {
        for (var c = 0; c < cols; c++)
        {
            if (lab[(row * cols) + c].Item1 >= LampRedness)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Median ratio of lightness now to lightness in the reference over all samples: the change of light.</summary>
    private static double MedianRatio(Vec3b[] now, Vec3b[] reference)
    {
        var ratio = new float[now.Length];
        for (var i = 0; i < ratio.Length; i++)
        {
            ratio[i] = (now[i].Item0 + 1f) / (reference[i].Item0 + 1f);
        }

        return Median(ratio);
    }

    /// <summary>
    /// Road in a vehicle's shadow: darker by the factor this picture's shadows have (see <see cref="ShadowBand"/>), the
    /// road's own hue, and smooth. A shadow cast along the lane must not lengthen the queue.
    /// </summary>
    private static bool IsShadow(double lightness, double roadLightness, double chromaDifference, float texture, double noise, (double Low, double High)? shadows)
    {
        var ratio = lightness / Math.Max(1, roadLightness);
        return shadows is var (low, high) && ratio > low && ratio < high && chromaDifference < ShadowChroma && texture < ShadowTexture(noise);
    }

    private static double ShadowTexture(double noise) => Math.Max(8, 2.5 * noise);

    /// <summary>
    /// The lightness ratios to the road that cast shadows have in this picture, or none. All shadows on one road have
    /// nearly the same darkness (one sun, one sky), so they pile up in one peak among the smooth samples of the road's
    /// hue in the lane and its surroundings; a grey or dark vehicle darker than the road is a shadow only if it
    /// matches that peak. At dusk, in rain or under clouds there is no peak and nothing counts as shadow (a dark box
    /// or the glass of a bus's face was otherwise road in shadow, and the queue was split or ended there).
    /// </summary>
    /// <param name="context">Samples (Lab) of the lane and its surroundings.</param>
    /// <param name="contextTexture">Their edge energy.</param>
    /// <param name="noise">The strip's noise level.</param>
    /// <param name="roadAt">The empty road's colour at a sample.</param>
    private static (double Low, double High)? ShadowBand(Vec3b[] context, float[] contextTexture, double noise, Func<int, (double L, double A, double B)> roadAt)
    {
        const int Bins = 100;
        Span<double> histogram = stackalloc double[Bins];
        var smooth = ShadowTexture(noise);
        for (var i = 0; i < context.Length; i++)
        {
            var (l, a, b) = roadAt(i);
            if (contextTexture[i] >= smooth || Math.Abs(context[i].Item1 - a) + Math.Abs(context[i].Item2 - b) >= ShadowChroma)
            {
                continue;
            }

            var ratio = context[i].Item0 / Math.Max(1, l);
            if (ratio is > MinShadowRatio and < MaxShadowRatio)
            {
                histogram[(int)(ratio * Bins)]++;
            }
        }

        // The commonest ratio, over a window of ±0.02 so noise does not split the peak.
        var best = -1;
        var bestCount = 0.0;
        for (var bin = 2; bin < Bins - 2; bin++)
        {
            var count = histogram[bin - 2] + histogram[bin - 1] + histogram[bin] + histogram[bin + 1] + histogram[bin + 2];
            if (count > bestCount)
            {
                best = bin;
                bestCount = count;
            }
        }

        if (best < 0 || bestCount < MinShadowShare * context.Length)
        {
            return null;
        }

        var peak = (best + 0.5) / Bins;
        return (Math.Max(MinShadowRatio, peak - ShadowTolerance), Math.Min(MaxShadowRatio, peak + ShadowTolerance));
    }

    /// <summary>The reference's colour at a sample, its lightness scaled by the change of light.</summary>
    private static (double L, double A, double B) ReferenceColour(Vec3b[] reference, int i, double gain) =>
        (reference[i].Item0 * gain, reference[i].Item1, reference[i].Item2);

    /// <summary>
    /// Splits off the first <paramref name="rows"/> rows (sampled beyond the lane's head): their occupancy, and the
    /// profile of the lane itself.
    /// </summary>
    public (double[] Before, StripProfile Lane) Split(int rows)
    {
        if (rows <= 0)
        {
            return ([], this);
        }

        var lane = Occupancy[rows..];
        return (Occupancy[..rows], new StripProfile(lane, BothSides[rows..], Lamps[rows..], RowColour[rows..], Separate(lane), Brightness, UsedReference, CrossLines[rows..]));
    }

    internal static Vec3b[] ToLab(Mat bgr)
    {
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        lab.GetArray(out Vec3b[] data);
        return data;
    }

    /// <summary>Edge energy at each sample: change of lightness to the neighbours along and across the lane.</summary>
    internal static float[] Texture(Vec3b[] lab, int rows, int cols)
    {
        var texture = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var i = (r * cols) + c;
                var up = r > 0 ? lab[i - cols].Item0 : lab[i].Item0;
                var down = r < rows - 1 ? lab[i + cols].Item0 : lab[i].Item0;
                var left = c > 0 ? lab[i - 1].Item0 : lab[i].Item0;
                var right = c < cols - 1 ? lab[i + 1].Item0 : lab[i].Item0;
                texture[i] = Math.Abs(down - up) + (0.5f * Math.Abs(right - left));
            }
        }

        return texture;
    }

    /// <summary>
    /// How cleanly the rows split into empty (near 0) and occupied (near 1): the mean distance of each row's
    /// occupancy from the decision threshold, relative to the largest possible.
    /// </summary>
    private static double Separate(double[] occupancy)
    {
        if (occupancy.Length == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var o in occupancy)
        {
            sum += o >= OccupiedAbove ? (o - OccupiedAbove) / (1 - OccupiedAbove) : (OccupiedAbove - o) / OccupiedAbove;
        }

        return sum / occupancy.Length;
    }

    internal static float Median(float[] values) => Percentile(values, 0.5);

    internal static float Percentile(float[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        // Lightness and edge energy are whole or half units from 0 to a few hundred: a counting pass finds the
        // percentile without sorting (sorting was most of the estimate's time on a 1080p frame).
        const int Buckets = 1024;
        Span<int> counts = stackalloc int[Buckets];
        foreach (var v in values)
        {
            var bucket = v * 2;
            if (!(bucket >= 0 && bucket < Buckets) || bucket != MathF.Floor(bucket))
            {
                return SortedPercentile(values, p);
            }

            counts[(int)bucket]++;
        }

        var rank = (int)Math.Clamp(Math.Round(p * (values.Length - 1)), 0, values.Length - 1);
        var seen = 0;
        for (var b = 0; b < Buckets; b++)
        {
            seen += counts[b];
            if (seen > rank)
            {
                return b / 2f;
            }
        }

        return (Buckets - 1) / 2f;
    }

    private static float SortedPercentile(float[] values, double p)
    {
        var copy = (float[])values.Clone();
        Array.Sort(copy);
        return copy[(int)Math.Clamp(Math.Round(p * (copy.Length - 1)), 0, copy.Length - 1)];
    }
}
