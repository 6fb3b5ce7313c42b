using System.Globalization;

namespace BorderWatch.LoadTest;

/// <summary>Percentiles of a set of durations, in milliseconds.</summary>
internal sealed class Stats(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * _sorted.Length) - 1;
        return _sorted[Math.Clamp(index, 0, _sorted.Length - 1)];
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):0.0} ms, p90 {Percentile(90):0.0} ms, p99 {Percentile(99):0.0} ms, max {Percentile(100):0.0} ms (n={Count})");
}
