using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Summaries;
using BorderWatch.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>NGO staff pick days, a crossing and a format, check the preview, download the file; an analyst runs the export.</summary>
public sealed class ExportsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // Once per server (xunit makes a class instance per test).
        using var client = browser.Server.CreateApiClient(withKey: false);
        if ((await client.GetFromJsonAsync<JsonElement>("api/readings/cursor")).GetProperty("lastId").GetInt64() > 0)
        {
            return;
        }

        // Four readings of today in Upper Lars (Moscow time), so they make one row whatever the hour.
        var now = DateTimeOffset.UtcNow;
        var moscow = LocalDays.FindZone("Europe/Moscow")!;
        var startOfDay = LocalDays.StartOf(LocalDays.DateOf(now, moscow), moscow);
        foreach (var (minutesAgo, vehicles) in new[] { (4, 900), (3, 1400), (2, 2100), (1, 1800) })
        {
            var at = now.AddMinutes(-minutesAgo);
            await browser.Server.PostReadingAsync(new
            {
                crossing = "upper-lars",
                observedAt = at > startOfDay ? at : startOfDay.AddSeconds(5 - minutesAgo),
                vehicles,
                kind = "report",
                source = new { name = "Ossetian border office", type = "official" },
            });
        }

        await browser.Server.PostReadingAsync(new { crossing = "narva", observedAt = now.AddMinutes(-30), queueKm = 0.3, source = new { name = "PPA", type = "official" } });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ExportsPage_PickCrossingAndDownloadCsv_FileHasThePreviewedRows()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/exports");
        await Expect(page.Locator("[data-testid^=preview-readings-upper-lars-]")).ToHaveTextAsync("4");
        await Expect(page.Locator("[data-testid^=preview-readings-narva-]")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "exports-light-wide");

        await page.Locator("[data-testid=crossing-picker]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameString = "Upper Lars – Dariali (Kazbegi)" }).ClickAsync();

        await Expect(page.Locator("[data-testid^=preview-readings-narva-]")).ToHaveCountAsync(0);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-summary]").ClickAsync());
        var path = Path.Combine(TestArtifacts.Directory("exports"), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var lines = await File.ReadAllLinesAsync(path);

        Assert.Matches(@"^borderwatch-daily-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}-upper-lars\.csv$", download.SuggestedFilename);
        Assert.StartsWith("date,crossing,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("#date+reported,", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(2), l => Assert.Contains(",upper-lars,", l, StringComparison.Ordinal));
        Assert.Equal(4, lines.Skip(2).Sum(l => int.Parse(l.Split(',')[9], System.Globalization.CultureInfo.InvariantCulture)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportsPage_GeoJsonFormat_DisablesHxlAndPointsTheLinkAtGeoJson()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/exports");

        await page.Locator("[data-testid=format-picker]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameString = "GeoJSON" }).ClickAsync();

        await Expect(page.Locator("[data-testid=download-summary]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("format=geojson$"));
        await Expect(page.GetByLabel("HXL hashtag row")).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportsPage_DarkPhone_StaysReadable()
    {
        var page = await browser.NewPageAsync(390, 844, ColorScheme.Dark);
        await BrowserFixture.GotoInteractiveAsync(page, "/exports");
        await Expect(page.Locator("[data-testid^=preview-readings-upper-lars-]")).ToHaveTextAsync("4");

        await BrowserFixture.ScreenshotAsync(page, "exports-dark-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportsPage_AnalystRunsExportNow_RunAppearsAsSucceeded()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/account/login?returnUrl=%2Fexports");
        await page.Locator("#apiKey").FillAsync(BorderWatchServer.ApiKey);
        await page.Locator("form button[type=submit], form input[type=submit]").Last.ClickAsync();
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Locator("[data-testid=run-now]").ClickAsync();

        await Expect(page.Locator("[data-testid=runs-table] [data-testid^=run-outcome-]").First).ToContainTextAsync("succeeded", new() { Timeout = 15_000 });
        await BrowserFixture.ScreenshotAsync(page, "exports-run-light");
        await page.Context.CloseAsync();
    }
}
