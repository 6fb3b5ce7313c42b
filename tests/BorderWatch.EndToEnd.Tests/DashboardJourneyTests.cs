using BorderWatch.Core.Crossings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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

        // No ring of the borders the map draws jumps across the antimeridian (Chukotka, Fiji would smear across the world).
        var largestStep = await page.EvaluateAsync<double>(
            """
            async () => {
              const { fixAntimeridian } = await import('./Components/Pages/Map/MapView.razor.js');
              const topology = await (await fetch('lib/world-atlas/countries-110m.json')).json();
              let largest = 0;
              for (const feature of topojson.feature(topology, topology.objects.countries).features) {
                if (feature.id === '010') continue;
                for (const polygon of fixAntimeridian(feature.geometry).coordinates)
                  for (const ring of polygon)
                    for (let i = 1; i < ring.length; i++) largest = Math.max(largest, Math.abs(ring[i][0] - ring[i - 1][0]));
              }
              return largest;
            }
            """);
        Assert.InRange(largestStep, 0, 90);
        await page.Locator("[data-testid=panel-pair]").SelectOptionAsync("MN–RU");
        await page.Locator("[data-testid=panel-row-kyakhta]").ClickAsync();
        await page.Locator(".leaflet-popup-close-button").ClickAsync();
        // Zoom out to the whole world. The button turns disabled at the minimum zoom, possibly in the middle of the
        // fly-to animation, so the click is forced: Leaflet ignores a click on a disabled zoom button.
        var zoomOut = page.Locator(".leaflet-control-zoom-out");
        for (var i = 0; i < 4; i++)
        {
            await zoomOut.ClickAsync(new() { Force = true });
            await page.WaitForTimeoutAsync(300);
        }

        // Drag the map west until the antimeridian (Chukotka, Alaska) is in the middle.
        var box = (await page.Locator("[data-testid=map]").BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.MoveAsync(x + 250, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x - 250, y + 150, new() { Steps = 10 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(600);
        await BrowserFixture.ScreenshotAsync(page, "map-offline-antimeridian", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MapPage_ReadingPostedThroughApi_MarkerAndPanelRowChangeWithinTwoSeconds()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Expect(page.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-ready", "true");

        // The analyst narrows the list to the Finnish–Russian border and picks Vaalimaa: the map zooms to it.
        await page.Locator("[data-testid=panel-pair]").SelectOptionAsync("FI–RU");
        await page.Locator("[data-testid=panel-row-vaalimaa]").ClickAsync();
        var marker = page.Locator(".bw-pin[data-slug=vaalimaa]");
        await Expect(marker).ToHaveAttributeAsync("data-severity", "unknown");
        await Expect(page.Locator("[data-testid=panel-wait-vaalimaa]")).ToHaveTextAsync("–");
        await BrowserFixture.ScreenshotAsync(page, "map-before-reading-light-wide", fullPage: false);
        // A reload would wipe this marker.
        await page.EvaluateAsync("() => window.__bwSamePage = 42");

        await browser.Server.PostReadingAsync(new
        {
            crossing = "vaalimaa",
            queueKm = 5,
            waitHours = 30,
            direction = "inbound",
            source = new { name = "Finnish Border Guard", type = "official" },
        });

        var withinTwoSeconds = new LocatorAssertionsToHaveAttributeOptions { Timeout = 2000 };
        await Expect(marker).ToHaveAttributeAsync("data-severity", "extreme", withinTwoSeconds);
        await Expect(page.Locator("[data-testid=panel-wait-vaalimaa]")).ToHaveTextAsync("30\u00a0h", new() { Timeout = 2000 });
        await Expect(page.Locator("[data-testid=panel-queue-vaalimaa]")).ToHaveTextAsync("5.0\u00a0km");
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__bwSamePage"));
        await Expect(page.Locator(".bw-popup[data-popup-slug=vaalimaa]")).ToContainTextAsync("30\u00a0h");
        await BrowserFixture.ScreenshotAsync(page, "map-after-reading-light-wide", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MapPage_WithoutACircuit_ThemeMenuAndLiveUpdatesStillWork()
    {
        var page = await browser.NewPageAsync(390, 844);
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Expect(page.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-ready", "true");

        // The page is fed by the hub alone: no Blazor circuit is opened for it.
        Assert.Contains(sockets, url => url.Contains("/hubs/queues", StringComparison.Ordinal));
        Assert.DoesNotContain(sockets, url => url.Contains("/_blazor", StringComparison.Ordinal));

        // On a phone the navigation starts folded away; the menu button brings it.
        var drawer = page.Locator(".mud-drawer");
        await Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await page.GetByLabel("Show or hide navigation").ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Crossings", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Show or hide navigation").ClickAsync();

        // The theme button switches to dark, and the choice is remembered by the next page.
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(17, 22, 28)'");
        await Expect(page.Locator("[data-testid=theme-toggle]")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(17, 22, 28)'");
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(17, 22, 28)'");

        // A reading arrives: the panel row changes, its age reads "just now", and the fresh count goes up.
        var before = await page.Locator("[data-testid=fresh-count]").TextContentAsync();
        await browser.Server.PostReadingAsync(new { crossing = "siret", waitHours = 2.5, source = new { name = "Test", type = "official" } });
        await Expect(page.Locator("[data-testid=panel-wait-siret]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^2.5\u00a0h"));
        await Expect(page.Locator("[data-testid=panel-row-siret]")).ToContainTextAsync("just now");
        await Expect(page.Locator("[data-testid=fresh-count]")).Not.ToHaveTextAsync(before!);
        await BrowserFixture.ScreenshotAsync(page, "map-static-dark-phone", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AlertsPage_ThresholdBroken_NotificationInEveryOpenDashboard()
    {
        // An analyst signs in and sets a limit for Narva...
        var analyst = await browser.NewPageAsync(1440, 900);
        await analyst.GotoAsync("/account/login?returnUrl=%2Falerts");
        await analyst.Locator("#apiKey").FillAsync(Testing.BorderWatchServer.ApiKey);
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await analyst.WaitForURLAsync("**/alerts");
        await analyst.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await analyst.Locator("[data-testid=threshold-crossing]").ClickAsync();
        await analyst.GetByRole(AriaRole.Option, new() { Name = "Narva – Ivangorod" }).ClickAsync();
        await analyst.GetByLabel("Wait above (hours)").FillAsync("4");
        await analyst.Locator("[data-testid=threshold-save]").ClickAsync();
        await Expect(analyst.Locator("[data-testid=threshold-narva]")).ToContainTextAsync("wait > 4\u00a0h");
        await BrowserFixture.ScreenshotAsync(analyst, "alerts-threshold-set");

        // ...while somebody else, not signed in, watches the map.
        var watcher = await browser.NewPageAsync(1280, 800);
        await BrowserFixture.GotoInteractiveAsync(watcher, "/");
        await Expect(watcher.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-ready", "true");

        await browser.Server.PostReadingAsync(new { crossing = "narva", waitHours = 6.5, source = new { name = "Estonian Police and Border Guard", type = "official" } });

        foreach (var page in new[] { analyst, watcher })
        {
            await Expect(page.Locator(".mud-snackbar", new() { HasText = "Alert · Narva – Ivangorod" })).ToContainTextAsync("wait 6.5\u00a0h, above the limit of 4\u00a0h");
        }

        // Let the notification finish fading in, for the screenshots only.
        await watcher.WaitForTimeoutAsync(800);

        await Expect(analyst.Locator("[data-testid=alert-narva]")).ToContainTextAsync("wait 6.5\u00a0h");
        await BrowserFixture.ScreenshotAsync(watcher, "alerts-notification-on-map", fullPage: false);
        await BrowserFixture.ScreenshotAsync(analyst, "alerts-page-after-alert");
        await watcher.Context.CloseAsync();
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task AlertsPage_NotSignedIn_OffersSignInInsteadOfTheForm()
    {
        var page = await browser.NewPageAsync(390, 844);
        await BrowserFixture.GotoInteractiveAsync(page, "/alerts");
        await Expect(page.Locator("[data-testid=threshold-sign-in]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=threshold-form]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MapPage_ReplayOfSeptember2022_MovesMarkers()
    {
        await using var demo = new Testing.BorderWatchServer(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = demo.Address.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Expect(page.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-ready", "true");
        await page.Locator("[data-testid=panel-pair]").SelectOptionAsync("GE–RU");
        await page.Locator("[data-testid=panel-row-upper-lars]").ClickAsync();
        var marker = page.Locator(".bw-pin[data-slug=upper-lars]");
        // Live, the 2022 readings are years old: the marker is grey.
        await Expect(marker).ToHaveAttributeAsync("data-stale", "true");

        await page.Locator("[data-testid=replay-open]").ClickAsync();
        await Expect(page.Locator("[data-testid=replay-period]")).ToHaveValueAsync("demo-2022");
        await Expect(page.Locator("[data-testid=replay-time]")).ToHaveTextAsync("Wed 21 Sep 2022, 00:00 UTC");
        await Expect(marker).ToHaveAttributeAsync("data-stale", "false");
        var first = await marker.GetAttributeAsync("data-severity");
        Assert.NotEqual("extreme", first);
        await BrowserFixture.ScreenshotAsync(page, "map-replay-start", fullPage: false);

        // A day per second: by 24 September the queue at Upper Lars is days long.
        await page.Locator("[data-testid=replay-speed]").SelectOptionAsync("24");
        await page.Locator("[data-testid=replay-play]").ClickAsync();
        await Expect(marker).ToHaveAttributeAsync("data-severity", "extreme", new() { Timeout = 15_000 });
        await page.Locator("[data-testid=replay-play]").ClickAsync();
        await Expect(page.Locator("[data-testid=replay-time]")).Not.ToHaveTextAsync("Wed 21 Sep 2022, 00:00 UTC");
        // Paused (on a busy machine perhaps a little after the peak): the list shows what the map shows.
        await Expect(page.Locator("[data-testid=replay-play]")).ToHaveAttributeAsync("aria-label", "Play the replay");
        await page.WaitForFunctionAsync(
            """
            () => {
              const pin = document.querySelector('.bw-pin[data-slug=upper-lars]');
              const wait = document.querySelector('[data-testid=panel-wait-upper-lars]');
              return pin && wait && wait.classList.contains('bw-severity-' + pin.dataset.severity);
            }
            """);
        await BrowserFixture.ScreenshotAsync(page, "map-replay-playing", fullPage: false);

        // Back to live: the marker shows today's (stale) estimate again.
        await page.Locator("[data-testid=replay-close]").ClickAsync();
        await Expect(marker).ToHaveAttributeAsync("data-stale", "true");
        await context.CloseAsync();
    }

    [Fact]
    public async Task MapPage_DarkPhone_MapAboveTheListAndReadable()
    {
        var page = await browser.NewPageAsync(390, 844, ColorScheme.Dark);
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(17, 22, 28)'");
        await Expect(page.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-painted", "true");
        var map = await page.Locator("[data-testid=map]").BoundingBoxAsync();
        var list = await page.Locator("[data-testid=panel-list]").BoundingBoxAsync();
        Assert.True(map!.Y < list!.Y, "on a phone the list follows the map");
        Assert.True(map.Width > 300, "the map uses the phone's width");
        await BrowserFixture.ScreenshotAsync(page, "map-dark-phone", fullPage: false);
        await BrowserFixture.ScreenshotAsync(page, "map-dark-phone-full");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CrossingPage_FourWeeksOfHistory_ChartsReadingsEstimateAndTypicalBand()
    {
        // Four weeks of hourly readings with a rush-hour peak, stored the way every reading is: through the ingest pipeline.
        var ingest = browser.Server.Services.GetRequiredService<Web.Ingest.IngestPipeline>();
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-28);
        var history = new List<Data.Readings.ReadingToStore>();
        for (var t = start; t < now; t = t.AddHours(1))
        {
            var peak = Math.Exp(-Math.Pow((t.UtcDateTime.Hour - 15) / 2.0, 2));
            history.Add(new(new Core.Readings.Reading
            {
                Crossing = "tuas",
                ObservedAt = t,
                ReceivedAt = t,
                Kind = Core.Readings.ReadingKind.Feed,
                Direction = Core.Readings.Direction.Inbound,
                Vehicles = Math.Round(80 + (600 * peak) + (t.Day % 3 * 20)),
                Confidence = 0.9,
                Source = new Core.Readings.Provenance("Checkpoint feed (test)", null, "official"),
            }));
        }

        await ingest.AddManyAsync(history);
        var page = await browser.NewPageAsync(1440, 1000);
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings/tuas");
        var chart = page.Locator("[data-testid=history-chart]");
        await Expect(chart.Locator(".bw-chart-band")).ToHaveCountAsync(1);
        await Expect(chart.Locator("path.bw-chart-line.bw-series-inbound")).ToHaveCountAsync(1);
        Assert.InRange(await chart.Locator("path.bw-chart-dot").CountAsync(), 7 * 24 - 2, 7 * 24 + 2);
        await Expect(chart).ToContainTextAsync("typical for the weekday and hour");
        await Expect(page.Locator("[data-testid=crossing-cards]")).ToBeAttachedAsync();
        await BrowserFixture.ScreenshotAsync(page, "crossing-history-week-light", fullPage: false);

        await page.Locator("[data-testid=history-quantity-QueueKm]").ClickAsync();
        await page.Locator("[data-testid=history-range-Day]").ClickAsync();
        await Expect(page.Locator("[data-testid=history-range-Day]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.InRange(await chart.Locator("path.bw-chart-dot").CountAsync(), 23, 25);
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "crossing-history-day-dark", fullPage: false);

        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "crossing-history-phone-dark", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MapPage_KeyboardOnly_ChoosesACrossingAndOpensItsPopup()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Expect(page.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-ready", "true");

        await page.Locator("[data-testid=panel-sort]").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("Tab"); // the five severity filters
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement.dataset.testid");
        Assert.StartsWith("panel-row-", focused, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");

        var slug = focused["panel-row-".Length..];
        await Expect(page.Locator($".bw-popup[data-popup-slug={slug}]")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid={focused}]")).ToHaveAttributeAsync("aria-pressed", "true");
        // Markers themselves are reachable with Tab too (Leaflet makes them buttons).
        Assert.Equal("0", await page.Locator($".leaflet-marker-icon:has(.bw-pin[data-slug={slug}])").GetAttributeAsync("tabindex"));
        await BrowserFixture.ScreenshotAsync(page, "map-keyboard-selection", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MapPage_TileUrlConfigured_UsesTilesWithTheirAttribution()
    {
        // Nothing listens on port 9: the tiles fail, but the page must ask for them and credit their provider.
        await using var tiled = new Testing.BorderWatchServer(new Dictionary<string, string?>
        {
            ["Map:TileUrl"] = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png",
            ["Map:TileAttribution"] = "© Test tile provider",
        });
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = tiled.Address.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var tileRequests = 0;
        page.Request += (_, request) => tileRequests += request.Url.StartsWith("http://127.0.0.1:9/tiles/", StringComparison.Ordinal) ? 1 : 0;
        await BrowserFixture.GotoInteractiveAsync(page, "/");

        await Expect(page.Locator("[data-testid=map]")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator(".leaflet-control-attribution")).ToContainTextAsync("© Test tile provider");
        await Expect(page.Locator("img.leaflet-tile").First).ToBeAttachedAsync();
        Assert.Equal(0, await page.Locator("path.bw-land").CountAsync());
        Assert.True(tileRequests > 0, "the configured tile server was asked for tiles");
        await context.CloseAsync();
    }
}
