namespace BorderWatch.Web.Components.Controls.Charts;

/// <summary>One value at one time. <see cref="Note"/> is the hover text.</summary>
public sealed record ChartPoint(DateTimeOffset At, double Value, string? Note = null);

/// <summary>A series: observations drawn as points and a line drawn through them (either may be empty).</summary>
/// <param name="Name">What the series is, in the legend.</param>
/// <param name="Css">CSS class giving its colour: bw-series-outbound, bw-series-inbound, bw-series-unknown.</param>
/// <param name="Points">Readings, drawn as dots.</param>
/// <param name="Line">The estimate over time, drawn as a line.</param>
public sealed record ChartSeries(string Name, string Css, IReadOnlyList<ChartPoint> Points, IReadOnlyList<ChartPoint> Line);

/// <summary>A shaded band between <see cref="Low"/> and <see cref="High"/>, with its median.</summary>
public sealed record ChartBandPoint(DateTimeOffset At, double Low, double Median, double High);

/// <summary>A tick on an axis: where, and what it says.</summary>
public sealed record ChartTick(double Position, string Label);
