using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Controls.Charts;

/// <summary>A small, dependency-free time-series chart rendered on the server as SVG.</summary>
public sealed partial class TimeSeriesChart
{
    private double _max = 1;

    [Parameter, EditorRequired]
    public DateTimeOffset From { get; set; }

    [Parameter, EditorRequired]
    public DateTimeOffset To { get; set; }

    [Parameter]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    [Parameter]
    public IReadOnlyList<ChartBandPoint> Band { get; set; } = [];

    [Parameter]
    public string BandName { get; set; } = "typical";

    /// <summary>Formats a value for the y axis.</summary>
    [Parameter]
    public Func<double, string> FormatValue { get; set; } = v => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Time zone of the x axis labels.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>What the chart shows, for screen readers.</summary>
    [Parameter]
    public string Summary { get; set; } = "";

    [Parameter]
    public string? Note { get; set; }

    [Parameter]
    public string Id { get; set; } = "bw-chart";

    [Parameter]
    public string TestId { get; set; } = "chart";

    private IReadOnlyList<ChartTick> YTicks { get; set; } = [];
    private IReadOnlyList<ChartTick> XTicks { get; set; } = [];

    protected override void OnParametersSet()
    {
        var top = Series.SelectMany(s => s.Points.Concat(s.Line)).Select(p => p.Value).Where(double.IsFinite)
            .Concat(Band.Select(b => b.High))
            .DefaultIfEmpty(0)
            .Max();
        var step = NiceStep(top <= 0 ? 1 : top / 4);
        _max = Math.Max(step, Math.Ceiling(top / step) * step);
        var ticks = new List<ChartTick>();
        for (var v = 0.0; v <= _max + (step / 2); v += step)
        {
            ticks.Add(new ChartTick(v / _max, FormatValue(v)));
        }

        YTicks = ticks;
        XTicks = TimeTicks(From, To, TimeZone);
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var scaled = rough / power;
        return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
    }

    /// <summary>Ticks at local midnights (or every 3 hours for a day or less), labelled in the crossing's time zone.</summary>
    public static IReadOnlyList<ChartTick> TimeTicks(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var span = to - from;
        if (span <= TimeSpan.Zero)
        {
            return [];
        }

        var (stepHours, format) = span.TotalDays switch
        {
            <= 1.5 => (3, "HH:mm"),
            <= 10 => (24, "ddd d"),
            <= 40 => (24 * 5, "d MMM"),
            _ => (24 * 30, "MMM yyyy"),
        };
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var start = new DateTime(local.Year, local.Month, local.Day, stepHours < 24 ? local.Hour - (local.Hour % stepHours) : 0, 0, 0, DateTimeKind.Unspecified);
        var ticks = new List<ChartTick>();
        for (var t = start; ticks.Count < 40; t = t.AddHours(stepHours))
        {
            if (zone.IsInvalidTime(t))
            {
                continue;
            }

            var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(t, zone));
            if (at > to)
            {
                break;
            }

            if (at >= from)
            {
                ticks.Add(new ChartTick((at - from) / span, t.ToString(format, CultureInfo.InvariantCulture)));
            }
        }

        return ticks;
    }

    private double Fraction(DateTimeOffset at) => Math.Clamp((at - From) / (To - From), 0, 1);

    private static string X(double fraction) => (fraction * 1000).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Y(double fraction) => ((1 - Math.Clamp(fraction, 0, 1)) * 1000).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Num(double fraction) => fraction.ToString("0.####", CultureInfo.InvariantCulture);

    private string LinePath(IEnumerable<(DateTimeOffset At, double Value)> points)
    {
        // NaN values break the line: no estimate there (no readings, or stale).
        var path = new StringBuilder();
        var move = true;
        foreach (var (at, value) in points)
        {
            if (double.IsNaN(value))
            {
                move = true;
                continue;
            }

            path.Append(move ? 'M' : 'L').Append(X(Fraction(at))).Append(' ').Append(Y(value / _max));
            move = false;
        }

        return path.ToString();
    }

    private string BandPath()
    {
        var path = new StringBuilder();
        foreach (var b in Band)
        {
            path.Append(path.Length == 0 ? 'M' : 'L').Append(X(Fraction(b.At))).Append(' ').Append(Y(b.High / _max));
        }

        foreach (var b in Band.Reverse())
        {
            path.Append('L').Append(X(Fraction(b.At))).Append(' ').Append(Y(b.Low / _max));
        }

        return path.Append('Z').ToString();
    }
}
