using BorderWatch.Web.Components.Controls.Charts;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Controls;

public sealed class TimeSeriesChartTests
{
    private static readonly DateTimeOffset From = new(2022, 9, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Render_PointsLineAndBand_DrawsEachWithTicksAndLegend()
    {
        await using var test = new ComponentTestContext();
        var points = Enumerable.Range(0, 5).Select(i => new ChartPoint(From.AddHours(i * 5), i * 2, $"reading {i}")).ToList();
        var line = points.Select(p => p with { Note = null }).ToList();
        line.Insert(2, new ChartPoint(From.AddHours(9), double.NaN));
        var band = Enumerable.Range(0, 24).Select(h => new ChartBandPoint(From.AddHours(h), 1, 2, 3)).ToList();

        var chart = test.Context.Render<TimeSeriesChart>(p => p
            .Add(x => x.From, From)
            .Add(x => x.To, From.AddDays(1))
            .Add(x => x.Series, [new ChartSeries("outbound RU → GE", "bw-series-outbound", points, line)])
            .Add(x => x.Band, band)
            .Add(x => x.BandName, "typical")
            .Add(x => x.Summary, "Wait at Upper Lars"));

        Assert.Equal(5, chart.FindAll("path.bw-chart-dot").Count);
        Assert.Equal("reading 3", chart.FindAll("path.bw-chart-dot")[3].TextContent);
        // The missing estimate breaks the line into two pieces.
        Assert.Equal(2, chart.Find("path.bw-chart-line").GetAttribute("d")!.Count(c => c == 'M'));
        Assert.Single(chart.FindAll("path.bw-chart-band"));
        Assert.Equal("Wait at Upper Lars", chart.Find("svg").GetAttribute("aria-label"));
        Assert.Contains("outbound RU → GE", chart.Find("figcaption").TextContent, StringComparison.Ordinal);
        Assert.Equal(["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "00:00"], chart.FindAll(".bw-chart-xlabel").Select(e => e.TextContent));
        Assert.Equal(["0", "2", "4", "6", "8"], chart.FindAll(".bw-chart-ylabel").Select(e => e.TextContent));
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(1.3, 2)]
    [InlineData(3.1, 5)]
    [InlineData(420, 500)]
    public void NiceStep_RoughStep_RoundsUpToOneTwoOrFive(double rough, double expected) =>
        Assert.Equal(expected, TimeSeriesChart.NiceStep(rough), 9);
}
