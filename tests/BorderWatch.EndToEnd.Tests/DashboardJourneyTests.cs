using BorderWatch.Core.Crossings;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>An analyst keeps the live map open all day: it must load offline, follow new readings and alert.</summary>
public sealed class DashboardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MapPage_NoInternet_DrawsBordersAndEveryCrossing()
    {
        var page = await browser.NewPageAsync(1440, 900);
        var outside = new List<string>();
        // Offline: anything not served by BorderWatch itself is refused (and remembered, to fail the test).
        await page.Context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost")
            {
                await route.ContinueAsync();
            }
            else
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        await BrowserFixture.GotoInteractiveAsync(page, "/");
        var map = page.Locator("[data-testid=map]");
        await Expect(map).ToHaveAttributeAsync("data-painted", "true");
        await Expect(map).ToHaveAttributeAsync("data-marker-count", Gazetteer.Default.Crossings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.Locator("path.bw-land").CountAsync() > 100, "the country borders are drawn");

        // Every crossing is on screen: as its own pin or counted in a cluster.
        var pins = await page.Locator(".bw-pin").CountAsync();
        var clustered = await page.Locator(".bw-cluster").EvaluateAllAsync<int>("els => els.reduce((n, e) => n + Number(e.dataset.count), 0)");
        Assert.Equal(Gazetteer.Default.Crossings.Count, pins + clustered);
        await Expect(page.Locator("[data-testid=map-legend]")).ToBeVisibleAsync();
        Assert.Empty(outside);
        await BrowserFixture.ScreenshotAsync(page, "map-offline-light-wide", fullPage: false);
        await page.Context.CloseAsync();
    }
}
