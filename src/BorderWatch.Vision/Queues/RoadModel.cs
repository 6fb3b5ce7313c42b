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

    /// <summary>
    /// Learns from the lane's own samples and its surroundings (same rows), the lane weighing <see cref="LaneWeight"/>.
    /// </summary>
    public static RoadModel Learn(Vec3b[] lane, int laneCols, Vec3b[] context, int rows, int contextCols)
    {
        var laneTexture = StripProfile.Texture(lane, rows, laneCols);
        var contextTexture = StripProfile.Texture(context, rows, contextCols);
        var cuts = (StripProfile.Percentile(laneTexture, 0.5), StripProfile.Percentile(contextTexture, 0.5));
        var blocks = new (double, double, double, double)[Blocks];
        var everything = Model(lane, laneTexture, laneCols, context, contextTexture, contextCols, cuts, 0, rows);
        for (var b = 0; b < Blocks; b++)
        {
            var from = rows * b / Blocks;
            var to = rows * (b + 1) / Blocks;
            var block = to - from < 4 ? everything : Model(lane, laneTexture, laneCols, context, contextTexture, contextCols, cuts, from, to);
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

    private static (double L, double A, double B, double Spread) Model(
        Vec3b[] lane, float[] laneTexture, int laneCols, Vec3b[] context, float[] contextTexture, int contextCols,
        (float Lane, float Context) cuts, int fromRow, int toRow)
    {
        var histogram = new double[256];
        var any = false;
        void Count(Vec3b[] lab, float[] texture, int cols, float cut, double weight)
        {
            for (var i = fromRow * cols; i < toRow * cols; i++)
            {
                var chroma = Math.Abs(lab[i].Item1 - 128) + Math.Abs(lab[i].Item2 - 128);
                if (texture[i] <= cut && chroma < 16)
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

        var lab = lane;
        var cols = laneCols;

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
        var spread = 1.4826 * StripProfile.Median([.. near.Select(i => (float)Math.Abs(lab[i].Item0 - best))]);
        return (best, a, b, Math.Max(2, spread));
    }
}
