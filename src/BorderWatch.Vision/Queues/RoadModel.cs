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

    private readonly (double L, double A, double B, double Spread)[] _blocks;
    private readonly int _rows;

    private RoadModel((double L, double A, double B, double Spread)[] blocks, int rows)
    {
        _blocks = blocks;
        _rows = rows;
    }

    public static RoadModel Learn(Vec3b[] lab, int rows, int cols)
    {
        var texture = StripProfile.Texture(lab, rows, cols);
        var textureCut = StripProfile.Percentile(texture, 0.5);
        var blocks = new (double, double, double, double)[Blocks];
        var everything = Model(lab, texture, textureCut, 0, rows, cols);
        for (var b = 0; b < Blocks; b++)
        {
            var from = rows * b / Blocks;
            var to = rows * (b + 1) / Blocks;
            blocks[b] = to - from < 4 ? everything : Model(lab, texture, textureCut, from, to, cols);
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

    private static (double L, double A, double B, double Spread) Model(Vec3b[] lab, float[] texture, float textureCut, int fromRow, int toRow, int cols)
    {
        var histogram = new double[256];
        var any = false;
        for (var i = fromRow * cols; i < toRow * cols; i++)
        {
            var chroma = Math.Abs(lab[i].Item1 - 128) + Math.Abs(lab[i].Item2 - 128);
            if (texture[i] <= textureCut && chroma < 16)
            {
                histogram[lab[i].Item0]++;
                any = true;
            }
        }

        if (!any)
        {
            for (var i = fromRow * cols; i < toRow * cols; i++)
            {
                histogram[lab[i].Item0]++;
            }
        }

        // Smooth over ±4 levels so noise does not split the asphalt's peak.
        var best = 0;
        var bestValue = -1.0;
        for (var l = 0; l < 256; l++)
        {
            var sum = 0.0;
            for (var d = -4; d <= 4; d++)
            {
                if (l + d is >= 0 and < 256)
                {
                    sum += histogram[l + d] * (5 - Math.Abs(d));
                }
            }

            if (sum > bestValue)
            {
                bestValue = sum;
                best = l;
            }
        }

        // In sunshine the commonest road may be the part in vehicles' shadows; the sunlit road is then a second
        // peak 1.25–2.5 times brighter. Shadows are recognised against the sunlit road, not the other way round.
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

        var lit = -1;
        for (var l = (int)Math.Ceiling(best * 1.25); l <= Math.Min(255, (int)(best * 2.5)); l++)
        {
            var isPeak = smoothed[l] >= 0.3 * bestValue && (l == 0 || smoothed[l] >= smoothed[l - 1]) && (l == 255 || smoothed[l] >= smoothed[l + 1]);
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
