using System.Globalization;
using System.Text;

namespace BorderWatch.Web.Embeds;

/// <summary>The sparkline's polyline: time across, vehicles up from zero (so a short queue looks short).</summary>
public static class EmbedSpark
{
    public static string Points(IReadOnlyList<long[]> spark, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(spark);
        var points = new StringBuilder();
        foreach (var (x, y) in Scale(spark, width, height))
        {
            points.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        }

        return points.ToString().TrimEnd();
    }

    /// <summary>Where the newest point is drawn (a dot, so a single reading still shows).</summary>
    public static (string X, string Y) LastPoint(IReadOnlyList<long[]> spark, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(spark);
        if (spark.Count == 0)
        {
            return ("0", "0");
        }

        var (x, y) = Scale(spark, width, height)[^1];
        return (x.ToString("0.#", CultureInfo.InvariantCulture), y.ToString("0.#", CultureInfo.InvariantCulture));
    }

    private static List<(double X, double Y)> Scale(IReadOnlyList<long[]> spark, int width, int height)
    {
        var scaled = new List<(double, double)>(spark.Count);
        if (spark.Count == 0)
        {
            return scaled;
        }

        var end = spark[^1][0];
        var start = end - (long)EmbedCardStore.SparkSpan.TotalMilliseconds;
        var max = Math.Max(1, spark.Max(p => p[1]));
        foreach (var point in spark)
        {
            var x = (point[0] - start) * (double)width / (end - start);
            // One unit of margin keeps the stroke inside the box at the top and bottom.
            var y = height - 1 - (point[1] * (height - 2.0) / max);
            scaled.Add((x, y));
        }

        return scaled;
    }
}
