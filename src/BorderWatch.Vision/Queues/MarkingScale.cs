using OpenCvSharp;

namespace BorderWatch.Vision.Queues;

/// <summary>
/// Corrects the metres along a lane from its dashed markings. Widths fix the scale across the lane, but along it the
/// foreshortening also depends on the focal length, which one image does not give (a 60° field of view is assumed,
/// and webcams range from 50° to 70° and beyond: ±15 % on every length, and so on every vehicle count). Dashed lane
/// lines repeat at a fixed period on the ground (3 m of paint and 9 m of gap on many roads), so the period they show
/// in the estimated metres tells how far those metres are off.
/// </summary>
internal static class MarkingScale
{
    /// <summary>Samples across each lane edge (the paint may sit a little off where the analyst drew the edge).</summary>
    private const int EdgeColumns = 7;

    /// <summary>Share of the lane width searched either side of each drawn edge.</summary>
    private const double EdgeSpan = 0.12;

    /// <summary>Resolution of the resampled marking signal, in metres.</summary>
    private const double Step = 0.25;

    /// <summary>Corrections further from 1 than this are not believed (a wrong peak, not a wrong focal length).</summary>
    private const double MaxCorrection = 0.3;

    /// <summary>Least normalised autocorrelation at the period for the dashes to count as found.</summary>
    private const double MinCorrelation = 0.25;

    /// <summary>
    /// The factor to multiply the estimated metres by, or 1 when no dash period is found. <paramref name="image"/> is
    /// best the empty-road reference, where no vehicle hides the paint.
    /// </summary>
    public static double Estimate(Mat image, LaneGeometry geometry, double periodMetres)
    {
        if (periodMetres <= 0 || geometry.Count < 40)
        {
            return 1;
        }

        var n = geometry.Count;
        // Columns: the band around the left edge, then the band around the right edge.
        var fractions = LaneGeometry.EdgeBandFractions(EdgeColumns, 2 * EdgeSpan / (EdgeColumns - 1));

        using var mapX = new Mat(n, EdgeColumns * 2, MatType.CV_32FC1);
        using var mapY = new Mat(n, EdgeColumns * 2, MatType.CV_32FC1);
        geometry.FillCrossSectionMaps(mapX, mapY, fractions);
        // Sample first, convert after: converting the whole picture would cost as much as the rest of the estimate.
        using var colour = new Mat();
        Cv2.Remap(image, colour, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
        using var edges = new Mat();
        Cv2.CvtColor(colour, edges, ColorConversionCodes.BGR2GRAY);
        edges.GetArray(out byte[] values);

        // Only where a dash is resolved: a metre along the lane spans at least a pixel, and the lane is wide enough
        // for the paint (5 % of it) to show at all.
        var last = 0;
        for (var s = 1; s < n; s++)
        {
            if (geometry.MetresAt(s) - geometry.MetresAt(s - 1) <= 1 && geometry.WidthAt(s) >= 14)
            {
                last = s;
            }
        }

        var first = 0;
        while (first < last && !(geometry.MetresAt(first + 1) - geometry.MetresAt(first) <= 1 && geometry.WidthAt(first) >= 14))
        {
            first++;
        }

        var from = geometry.MetresAt(first);
        var to = geometry.MetresAt(last);
        var samples = (int)((to - from) / Step);
        if (samples < (int)(3.5 * periodMetres / Step))
        {
            return 1;
        }

        var total = new double[(int)(periodMetres * (1 + MaxCorrection) / Step) + 2];
        for (var side = 0; side < 2; side++)
        {
            // Paint is brighter than anything else at the edge: the brightest sample across, less the darkest.
            var signal = new double[samples];
            var s = first;
            for (var k = 0; k < samples; k++)
            {
                var metres = from + (k * Step);
                while (s < last && geometry.MetresAt(s + 1) <= metres)
                {
                    s++;
                }

                byte high = 0, low = 255;
                for (var c = 0; c < EdgeColumns; c++)
                {
                    var v = values[(s * EdgeColumns * 2) + (side * EdgeColumns) + c];
                    high = Math.Max(high, v);
                    low = Math.Min(low, v);
                }

                signal[k] = high - low;
            }

            var mean = signal.Average();
            var variance = 0.0;
            for (var k = 0; k < samples; k++)
            {
                signal[k] -= mean;
                variance += signal[k] * signal[k];
            }

            if (variance <= 0)
            {
                continue;
            }

            for (var lag = 1; lag < total.Length && lag < samples; lag++)
            {
                var sum = 0.0;
                for (var k = 0; k + lag < samples; k++)
                {
                    sum += signal[k] * signal[k + lag];
                }

                // Normalised by the overlap, so long lags are not penalised for having fewer pairs.
                total[lag] += sum / variance * samples / (samples - lag) / 2;
            }
        }

        var low1 = (int)Math.Ceiling(periodMetres * (1 - MaxCorrection) / Step);
        var high1 = Math.Min(total.Length - 2, (int)Math.Floor(periodMetres * (1 + MaxCorrection) / Step));
        var best = -1;
        for (var lag = Math.Max(1, low1); lag <= high1; lag++)
        {
            if (total[lag] >= total[lag - 1] && total[lag] >= total[lag + 1] && (best < 0 || total[lag] > total[best]))
            {
                best = lag;
            }
        }

        if (best < 0 || total[best] < MinCorrelation)
        {
            return 1;
        }

        // Parabolic refinement of the peak between samples.
        var denominator = total[best - 1] - (2 * total[best]) + total[best + 1];
        var shift = denominator < 0 ? 0.5 * (total[best - 1] - total[best + 1]) / denominator : 0;
        var period = (best + Math.Clamp(shift, -0.5, 0.5)) * Step;
        return periodMetres / period;
    }
}
