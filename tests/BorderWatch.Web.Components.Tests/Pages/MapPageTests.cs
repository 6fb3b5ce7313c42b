using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Components.Pages.Map;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Live;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Components.Tests.Pages;

public sealed class MapPageTests
{
    private static Task<ComponentTestContext> ContextAsync()
    {
        var test = new ComponentTestContext(t =>
        {
            t.Context.Services.AddSingleton(new ReadingHistoryRepository(t.Database, t.Crossings));
            t.Context.Services.AddSingleton(Options.Create(new MapOptions()));
        });
        test.Context.JSInterop.SetupModule("./Components/Pages/Map/MapView.razor.js");
        return Task.FromResult(test);
    }

    [Fact]
    public async Task SelectRow_PanelMarksItPressed()
    {
        await using var test = await ContextAsync();
        var page = test.Context.Render<MapPage>();

        page.Find("[data-testid=panel-row-upper-lars]").Click();

        Assert.Equal("upper-lars", page.FindComponent<CrossingPanel>().Instance.Selected);
        Assert.Equal("true", page.Find("[data-testid=panel-row-upper-lars]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task EstimateChangedBroadcast_PanelRowFollowsWithoutReload()
    {
        await using var test = await ContextAsync();
        var page = test.Context.Render<MapPage>();
        var reading = new Reading
        {
            Id = 1,
            Crossing = "narva",
            ObservedAt = DateTimeOffset.UtcNow,
            ReceivedAt = DateTimeOffset.UtcNow,
            Kind = ReadingKind.Feed,
            WaitHours = 7,
            Confidence = 1,
        };

        foreach (var estimate in test.Estimates.Apply([reading]))
        {
            test.Live.Publish(new EstimateChanged(estimate));
        }

        page.WaitForAssertion(() => Assert.Equal("7\u00a0h", page.Find("[data-testid=panel-wait-narva]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("1 of " + Core.Crossings.Gazetteer.Default.Crossings.Count + " with fresh readings", page.Find("[data-testid=fresh-count]").TextContent);
    }
}
