using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>
/// An analyst pastes a report, finds its uncertain reading in the review queue, accepts it with the keyboard, and
/// watches the crossing's estimate change on the crossing page that stays open in another tab.
/// </summary>
public sealed class ReviewJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task SignInAsync(IPage page, string returnUrl)
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#apiKey").FillAsync(BorderWatchServer.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**{returnUrl}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    [Fact]
    public async Task PasteReport_PendingReadingAcceptedWithTheKeyboard_CrossingEstimateChangesLive()
    {
        var crossingPage = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(crossingPage, "/crossings/upper-lars");
        await Expect(crossingPage.Locator("[data-testid=estimate-card]")).ToContainTextAsync("No readings yet.");

        var page = await crossingPage.Context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await SignInAsync(page, "/review");
        await Expect(page.Locator("[data-testid=review-empty]")).ToBeVisibleAsync();

        await page.Locator("#report-text").FillAsync("Kazbegi: traffic stands for 12 km, people wait about 6 hours");
        await page.Locator("#report-source").FillAsync("Field volunteer (sample)");
        await page.Locator("[data-testid=report-preview]").ClickAsync();
        var preview = page.Locator("[data-testid=report-preview-result]");
        await Expect(preview).ToContainTextAsync("Upper Lars");
        await Expect(preview).ToContainTextAsync("pending");
        await Expect(preview.Locator("mark.bw-mark-crossing")).ToHaveTextAsync("Kazbegi");
        await BrowserFixture.ScreenshotAsync(page, "review-preview-light-wide");

        await page.Locator("[data-testid=report-store]").ClickAsync();
        await Expect(page.Locator("[data-testid=paste-result]")).ToContainTextAsync("Stored 1 reading: 0 accepted, 1 waiting for review.");
        var item = page.Locator("[data-testid^=pending-]").Filter(new() { HasText = "Upper Lars" }).First;
        await Expect(item).ToContainTextAsync("12\u00a0km");
        await Expect(item.Locator("mark.bw-mark-quantity").First).ToHaveTextAsync("12 km");
        await Expect(item).ToContainTextAsync("tourist area");
        await Expect(page.Locator("[data-testid=pending-count]")).ToHaveTextAsync("1 pending");
        await BrowserFixture.ScreenshotAsync(page, "review-queue-light-wide");
        // Pending readings never move the estimate.
        await Expect(crossingPage.Locator("[data-testid=estimate-card]")).ToContainTextAsync("No readings yet.");

        // The list has the focus: one key accepts the selected reading.
        await Expect(page.Locator("[data-testid=review-list]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("a");

        await Expect(page.Locator("[data-testid=review-empty]")).ToBeVisibleAsync();
        await Expect(crossingPage.Locator("[data-testid=estimate-queue]")).ToHaveTextAsync("12\u00a0km", new() { Timeout = 5000 });
        await Expect(crossingPage.Locator("[data-testid=estimate-wait]")).ToHaveTextAsync("6\u00a0h");
        await BrowserFixture.ScreenshotAsync(crossingPage, "review-accepted-crossing-upper-lars");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewQueue_ArabicReportOnAPhoneInDarkMode_EvidenceReadsRightToLeft()
    {
        using var client = browser.Server.CreateApiClient();
        using var stored = await client.PostAsJsonAsync("api/reports", new
        {
            text = "طابور بطول 10 كم على الحدود بين روسيا وكازاخستان والانتظار يصل إلى 8 ساعات",
            url = "https://example.org/ar/post/77",
            source = new { name = "Arabic news account (sample)", type = "media" },
        }, BorderWatchJson.Options);
        var body = await stored.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("readings")[0].GetProperty("id").GetInt64();

        var page = await browser.NewPageAsync(390, 844, ColorScheme.Dark);
        await SignInAsync(page, "/review");

        var item = page.Locator($"[data-testid=pending-{id}]");
        await Expect(item).ToContainTextAsync("names the countries");
        var evidence = item.Locator("[data-testid=evidence]");
        Assert.Equal("rtl", await evidence.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await item.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "review-queue-rtl-dark-phone", fullPage: false);

        // Correct it to the right crossing: editing moves it and audits the move.
        await item.Locator($"[data-testid=edit-{id}]").ClickAsync();
        await Expect(item.Locator("[data-testid=review-edit]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "review-edit-dark-phone", fullPage: false);
        await item.Locator("[data-testid=edit-save]").ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CrossingPage_OfficialAndViralFiguresDisagree_ShownSideBySideWithTheRepostSetAside()
    {
        await browser.Server.PostReadingAsync(new
        {
            crossing = "vaalimaa",
            queueKm = 0.5,
            confidence = 0.95,
            source = new { name = "Finnish Border Guard (sample)", type = "official" },
        });
        using var client = browser.Server.CreateApiClient();
        using var viral = await client.PostAsJsonAsync("api/reports", new
        {
            text = "Jono Vaalimaalla on jo 35 km!!! Kaikki pakenevat",
            url = "https://example.org/viral/1",
            source = new { name = "Viral repost (sample)", type = "crowd" },
        }, BorderWatchJson.Options);
        viral.EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(1280, 900);
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings/vaalimaa");

        var comparison = page.Locator("[data-testid=source-comparison]");
        await Expect(comparison).ToContainTextAsync("Sources disagree on the queue length");
        await Expect(comparison).ToContainTextAsync("official");
        await Expect(comparison).ToContainTextAsync("crowd");
        await Expect(comparison).ToContainTextAsync("set aside");
        await Expect(page.Locator("[data-testid=estimate-queue]")).ToHaveTextAsync("500\u00a0m");
        await BrowserFixture.ScreenshotAsync(page, "crossing-sources-disagree-light");
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "crossing-sources-disagree-dark");
        await page.Context.CloseAsync();
    }
}
