using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Web.Components.Pages.Map;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Pages;

public sealed class CrossingPanelTests
{
    private static readonly DateTimeOffset Now = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);

    private static List<PanelRow> Rows() =>
    [
        .. Gazetteer.Default.Crossings.Select((c, i) => new PanelRow(i, c, c.Slug switch
        {
            "upper-lars" => new CrossingEstimate { Crossing = c.Slug, ComputedAt = Now, AsOf = Now.AddMinutes(-5), WaitHours = 48, QueueKm = 14 },
            "vaalimaa" => new CrossingEstimate { Crossing = c.Slug, ComputedAt = Now, AsOf = Now.AddMinutes(-30), WaitHours = 0.5, QueueKm = 0.4 },
            _ => CrossingEstimate.Empty(c.Slug, Now),
        })),
    ];

    [Fact]
    public async Task Render_LongestWaitFirstWithFiguresAndAge()
    {
        await using var test = new ComponentTestContext();

        var panel = test.Context.Render<CrossingPanel>(p => p.Add(x => x.Rows, Rows()).Add(x => x.Now, Now));

        var rows = panel.FindAll("[data-testid^=panel-row-]");
        Assert.Equal("panel-row-upper-lars", rows[0].GetAttribute("data-testid"));
        Assert.Equal("panel-row-vaalimaa", rows[1].GetAttribute("data-testid"));
        Assert.Equal("48\u00a0h", panel.Find("[data-testid=panel-wait-upper-lars]").TextContent.Trim());
        Assert.Contains("5 min ago", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"{Gazetteer.Default.Crossings.Count} of {Gazetteer.Default.Crossings.Count}", panel.Find("[data-testid=panel-count]").TextContent);
    }

    [Fact]
    public async Task ChooseCountryPairAndSeverity_OnlyMatchingRowsRemain()
    {
        await using var test = new ComponentTestContext();
        var panel = test.Context.Render<CrossingPanel>(p => p.Add(x => x.Rows, Rows()).Add(x => x.Now, Now));

        panel.Find("[data-testid=panel-pair]").Change("FI–RU");
        var finnish = panel.FindAll("[data-testid^=panel-row-]").Count;
        panel.Find("[data-testid=bw-sev-filter-Low]").Change(true);

        Assert.Equal(Gazetteer.Default.Crossings.Count(c => c.Countries.Contains("FI") && c.Countries.Contains("RU")), finnish);
        Assert.Equal(["panel-row-vaalimaa"], panel.FindAll("[data-testid^=panel-row-]").Select(r => r.GetAttribute("data-testid")));
        Assert.Equal("1 of " + Gazetteer.Default.Crossings.Count, panel.Find("[data-testid=panel-count]").TextContent);
    }

    [Fact]
    public async Task ClickRow_RaisesSelectWithItsSlug()
    {
        await using var test = new ComponentTestContext();
        string? selected = null;
        var panel = test.Context.Render<CrossingPanel>(p => p
            .Add(x => x.Rows, Rows())
            .Add(x => x.Now, Now)
            .Add(x => x.OnSelect, slug => selected = slug));

        panel.Find("[data-testid=panel-row-upper-lars]").Click();

        Assert.Equal("upper-lars", selected);
    }

    [Fact]
    public async Task SelectedChanges_RowIsMarkedPressed()
    {
        await using var test = new ComponentTestContext();
        var panel = test.Context.Render<CrossingPanel>(p => p.Add(x => x.Rows, Rows()).Add(x => x.Now, Now));

        panel.Render(p => p.Add(x => x.Selected, "vaalimaa"));

        Assert.Equal("true", panel.Find("[data-testid=panel-row-vaalimaa]").GetAttribute("aria-pressed"));
        Assert.Equal("false", panel.Find("[data-testid=panel-row-upper-lars]").GetAttribute("aria-pressed"));
    }
}
