using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>An analyst keeps the crossings page open; readings arrive through the API; the page follows live.</summary>
public sealed class CrossingsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CrossingsPage_ReadingPostedThroughApi_RowChangesWithoutReload()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings");
        await Expect(page.Locator("[data-testid=queue-vaalimaa]")).ToHaveTextAsync("–");
        await BrowserFixture.ScreenshotAsync(page, "crossings-before-light-wide");
        // A reload would wipe this marker.
        await page.EvaluateAsync("() => window.__bwSamePage = 42");

        await browser.Server.PostReadingAsync(new
        {
            crossing = "vaalimaa",
            queueKm = 0.45,
            waitHours = 2,
            direction = "inbound",
            source = new { name = "Finnish Border Guard", type = "official" },
        });

        await Expect(page.Locator("[data-testid=queue-vaalimaa]")).ToHaveTextAsync("450\u00a0m", new() { Timeout = 5000 });
        await Expect(page.Locator("[data-testid=wait-vaalimaa]")).ToHaveTextAsync("2\u00a0h");
        await Expect(page.Locator("[data-testid=age-vaalimaa]")).ToHaveTextAsync("just now");
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__bwSamePage"));
        await BrowserFixture.ScreenshotAsync(page, "crossings-after-light-wide");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NavigationMenu_LinkClicked_OpensThePageInTheSameCircuitAndMarksItCurrent()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Crossings" })).ToHaveAttributeAsync("aria-current", "page");
        await page.EvaluateAsync("() => window.__bwSamePage = 7");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/alerts$"));
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Alerts" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Crossings" })).Not.ToHaveAttributeAsync("aria-current", "page");
        Assert.Equal(7, await page.EvaluateAsync<int>("() => window.__bwSamePage"));
        await BrowserFixture.ScreenshotAsync(page, "navigation-alerts-current");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CrossingsPage_DarkThemeAndPhoneWidth_StayReadable()
    {
        var page = await browser.NewPageAsync(390, 844, ColorScheme.Dark);
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings");

        // Dark by system preference: the layout follows it on a first visit (theme background #11161c).
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(17, 22, 28)'");
        await Expect(page.Locator("[data-testid=crossing-link-upper-lars]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "crossings-dark-phone", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CrossingPage_ArabicReport_ShowsExcerptRightToLeftBesideItsNumbers()
    {
        await browser.Server.PostReadingAsync(new
        {
            crossing = "upper-lars",
            queueKm = 14,
            kind = "report",
            confidence = 0.7,
            source = new
            {
                name = "Arabic news post",
                url = "https://example.org/post/14km",
                type = "media",
                excerpt = "الهروب الكبير من روسيا ..14 كيلو مترا من السيارات على حدود روسيا مع جورجيا",
            },
        });
        var page = await browser.NewPageAsync(1280, 900);
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings/upper-lars");

        var excerpt = page.Locator(".bw-excerpt").First;
        await Expect(excerpt).ToContainTextAsync("كيلو مترا");
        Assert.Equal("rtl", await excerpt.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await Expect(page.Locator("[data-testid=estimate-queue]")).ToHaveTextAsync("14\u00a0km");
        await BrowserFixture.ScreenshotAsync(page, "crossing-upper-lars-rtl-excerpt");

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=theme-toggle]")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await BrowserFixture.ScreenshotAsync(page, "crossing-upper-lars-dark");
        await page.Context.CloseAsync();
    }
}
