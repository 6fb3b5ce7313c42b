using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>
/// A journalist's article on another site iframes the live card; readers see it change when a reading arrives, in
/// their language and direction of writing, without cookies or requests to anyone but BorderWatch.
/// </summary>
public sealed class EmbedJourneyTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task CardIframedOnAnotherOrigin_ReadingPostedThroughApi_UpdatesWithin2Seconds()
    {
        await browser.Server.PostReadingAsync(new
        {
            crossing = "upper-lars", vehicles = 3500, queueKm = 20, waitHours = 48, observedAt = DateTimeOffset.UtcNow.AddHours(-2),
            source = new { name = "Georgian Ministry of Internal Affairs", type = "official" },
        });
        await using var site = new HostPageServer();
        var article = site.Add("article.html", Article($"{browser.Server.Address}embed/crossing/upper-lars?theme=light"));
        var page = await browser.NewPageAsync(900, 700);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(article);
        var card = page.FrameLocator("#bw-card");
        await Expect(card.Locator("[data-bw=live]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(card.Locator("[data-bw=vehicles]")).ToHaveTextAsync(await ExpectedVehiclesAsync("upper-lars"));
        await Expect(card.Locator("[data-bw=wait]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bw-sev-extreme"));

        await browser.Server.PostReadingAsync(new
        {
            crossing = "upper-lars", vehicles = 5200, queueKm = 30, waitHours = 60,
            source = new { name = "Georgian Ministry of Internal Affairs", type = "official" },
        });
        var expected = await ExpectedVehiclesAsync("upper-lars");
        await Expect(card.Locator("[data-bw=vehicles]")).ToHaveTextAsync(expected, new() { Timeout = 2000 });
        await Expect(card.Locator("[data-bw=age]")).ToHaveTextAsync("now");

        await page.Locator("#bw-card").ScreenshotAsync(new() { Path = Screenshot("embed-card-light") });
        Assert.Empty(await page.Context.CookiesAsync());
        Assert.All(requests, url => Assert.True(
            url.StartsWith(site.Address.ToString(), StringComparison.Ordinal) || url.StartsWith(browser.Server.Address.ToString(), StringComparison.Ordinal),
            $"A request left the two origins: {url}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CardInArabic_RendersRightToLeft()
    {
        await browser.Server.PostReadingAsync(new { crossing = "upper-lars", vehicles = 3500, queueKm = 20, waitHours = 48 });
        await using var site = new HostPageServer();
        var article = site.Add("ar.html", Article($"{browser.Server.Address}embed/crossing/upper-lars?lang=ar&theme=light", dir: "rtl"));
        var page = await browser.NewPageAsync(900, 700);

        await page.GotoAsync(article);
        var card = page.FrameLocator("#bw-card");
        await Expect(card.Locator("h1")).ToHaveTextAsync("لارس العليا");
        await Expect(card.Locator("[data-bw=age]")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("UTC"));
        Assert.Equal("rtl", await card.Locator("main").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        // Right to left: the first figure (vehicles) stands to the right of the last (wait).
        var first = await card.Locator("[data-bw=vehicles]").BoundingBoxAsync();
        var last = await card.Locator("[data-bw=wait]").BoundingBoxAsync();
        Assert.True(first!.X > last!.X, $"vehicles at x={first.X}, wait at x={last.X}: not right to left");

        await page.Locator("#bw-card").ScreenshotAsync(new() { Path = Screenshot("embed-card-rtl") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ScriptSnippet_OnAnotherOrigin_BuildsTheIframeAndFitsItsHeightToTheCard()
    {
        await browser.Server.PostReadingAsync(new { crossing = "storskog", vehicles = 25, waitHours = 0.5 });
        await using var site = new HostPageServer();
        var root = browser.Server.Address.ToString().TrimEnd('/');
        var article = site.Add("script.html", $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Snippet</title></head>
            <body><h1>Storskog today</h1>
            {{Web.Embeds.EmbedSnippets.Script(root, "crossing/storskog?layout=compact&lang=fi", "Storskog · BorderWatch")}}
            <p>More text below the widget.</p></body></html>
            """);
        var page = await browser.NewPageAsync(700, 600);

        await page.GotoAsync(article);
        var frame = page.Locator("[data-borderwatch] iframe");
        await Expect(frame).ToHaveAttributeAsync("src", $"{root}/embed/crossing/storskog?layout=compact&lang=fi");
        await Expect(page.FrameLocator("[data-borderwatch] iframe").Locator("[data-bw=wait]")).ToHaveTextAsync("30 min");
        // The loader starts at the default card height, then takes the height the card reports.
        await page.WaitForFunctionAsync("() => { const f = document.querySelector('[data-borderwatch] iframe'); return f && f.style.height !== '200px'; }");
        var height = await frame.EvaluateAsync<double>("f => f.getBoundingClientRect().height");
        var content = await page.FrameLocator("[data-borderwatch] iframe").Locator("main").EvaluateAsync<double>("m => m.getBoundingClientRect().height");
        Assert.InRange(height, content, content + 4);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CardDarkThemeAndCompactRussian_StayReadable()
    {
        await browser.Server.PostReadingAsync(new { crossing = "koidula", queueKm = 0.45, waitHours = 2, direction = "inbound" });
        await using var site = new HostPageServer();
        var article = site.Add("dark.html", Article($"{browser.Server.Address}embed/crossing/koidula?theme=dark", background: "#0d1117",
            more: Frame($"{browser.Server.Address}embed/crossing/koidula?theme=auto&lang=ru&layout=compact", "bw-compact", 132)));
        var page = await browser.NewPageAsync(900, 700, ColorScheme.Dark);

        await page.GotoAsync(article);
        var card = page.FrameLocator("#bw-card");
        await Expect(card.Locator("[data-bw=queue]")).ToHaveTextAsync("450\u00a0m");
        Assert.Equal("rgb(17, 22, 28)", await card.Locator("html").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var compact = page.FrameLocator("#bw-compact");
        await Expect(compact.Locator("[data-bw=queue]")).ToHaveTextAsync("450\u00a0м");
        await Expect(compact.Locator("[data-bw=spark]")).ToBeHiddenAsync();

        await page.Locator("#bw-card").ScreenshotAsync(new() { Path = Screenshot("embed-card-dark") });
        await page.Locator("#bw-compact").ScreenshotAsync(new() { Path = Screenshot("embed-card-compact-ru-auto-dark") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CardFirstLoad_TransfersUnder60KilobytesFromOneOrigin()
    {
        // Static assets as a published app serves them (precompressed, immutable). Run from a build, ASP.NET Core's
        // asset hot-reload handler re-serves any file whose timestamp differs from the build manifest uncompressed.
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["ReloadStaticAssetsAtRuntime"] = "false" });
        await server.PostReadingAsync(new { crossing = "narva", vehicles = 120, waitHours = 3 });
        // A fresh context: empty cache, as for a reader who never saw a BorderWatch widget.
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 480, Height = 260 } });
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);

        await page.GotoAsync($"{server.Address}embed/crossing/narva");
        await Expect(page.Locator("[data-bw=live]")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        long total = 0;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            var bytes = sizes.RequestHeadersSize + sizes.RequestBodySize + sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            total += bytes;
            output.WriteLine($"{bytes,7:N0} B  {response.Status} {response.Url}");
        }

        output.WriteLine($"{total,7:N0} B  in {responses.Count} responses (headers and encoded bodies, both ways)");
        File.WriteAllText(Path.Combine(TestArtifacts.Directory("measurements"), "embed-card-bytes.txt"),
            string.Create(CultureInfo.InvariantCulture, $"{total} bytes in {responses.Count} responses for a first card load (/embed/crossing/narva)\n"));
        Assert.InRange(total, 1, 60 * 1024);
        Assert.All(responses, r => Assert.StartsWith(server.Address.ToString(), r.Url, StringComparison.Ordinal));
        await context.CloseAsync();
    }

    [Fact]
    public async Task MapEmbed_ShowsCrossingsOverOfflineBorders()
    {
        await browser.Server.PostReadingAsync(new { crossing = "vaalimaa", waitHours = 0.5, queueKm = 0.2 });
        await browser.Server.PostReadingAsync(new { crossing = "nuijamaa", waitHours = 30, queueKm = 8 });
        var page = await browser.NewPageAsync(640, 400);

        await page.GotoAsync("embed/map?crossings=vaalimaa,nuijamaa,imatra&theme=light");
        await Expect(page.Locator("path.bw-dot")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        await Expect(page.Locator("path.bw-land").First).ToBeAttachedAsync(new() { Timeout = 10_000 });
        await Expect(page.Locator("path.bw-dot.bw-sev-extreme")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-bw=live]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(page, "embed-map-light", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WidgetBuilder_PickArabicCompactCard_PreviewAndSnippetsFollow()
    {
        await browser.Server.PostReadingAsync(new { crossing = "upper-lars", vehicles = 2100, queueKm = 12, waitHours = 20 });
        var page = await browser.NewPageAsync(1400, 900);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await BrowserFixture.GotoInteractiveAsync(page, "/widgets");

        await page.Locator("[data-testid=widget-lang]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "العربية" }).ClickAsync();
        await page.Locator("[data-testid=widget-layout]").GetByText("Compact").ClickAsync();

        var snippet = page.Locator("[data-testid=snippet-iframe]");
        await Expect(snippet).ToContainTextAsync("/embed/crossing/upper-lars?lang=ar&amp;layout=compact");
        await Expect(page.Locator("[data-testid=snippet-script]")).ToContainTextAsync("data-borderwatch=\"crossing/upper-lars?lang=ar&amp;layout=compact\"");
        var preview = page.FrameLocator("[data-testid=widget-preview] iframe");
        await Expect(preview.Locator("h1")).ToHaveTextAsync("لارس العليا");
        await Expect(preview.Locator("[data-bw=live]")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await page.Locator("[data-testid=snippet-iframe-copy]").ClickAsync();
        await Expect(page.Locator("[data-testid=snippet-iframe-copy]")).ToContainTextAsync("Copied");
        Assert.Contains("lang=ar&amp;layout=compact", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "widget-builder-light-wide");

        var phone = await browser.NewPageAsync(390, 844, ColorScheme.Dark);
        await BrowserFixture.GotoInteractiveAsync(phone, "/widgets");
        await phone.Locator("[data-testid=widget-kind]").GetByText("Badge").ClickAsync();
        await Expect(phone.Locator("[data-testid=snippet-script]")).ToContainTextAsync("[![");
        await Expect(phone.Locator("[data-testid=widget-preview] img")).ToHaveJSPropertyAsync("complete", true);
        await Expect(phone.Locator("[data-testid=widget-kind] .mud-toggle-item-selected")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(phone, "widget-builder-dark-phone");
        await page.Context.CloseAsync();
        await phone.Context.CloseAsync();
    }

    private async Task<string> ExpectedVehiclesAsync(string slug)
    {
        using var client = browser.Server.CreateApiClient(withKey: false);
        var crossing = await client.GetFromJsonAsync<JsonElement>($"api/crossings/{slug}");
        return Math.Round(crossing.GetProperty("estimate").GetProperty("vehicles").GetDouble()).ToString("#,0", English);
    }

    private static string Article(string src, string dir = "ltr", string background = "#ffffff", string more = "") => $$"""
        <!DOCTYPE html>
        <html lang="en" dir="{{dir}}"><head><meta charset="utf-8"><title>Queues at the border</title>
        <style>body { font-family: Georgia, serif; max-width: 640px; margin: 24px auto; background: {{background}}; color: #888; }</style></head>
        <body><h1>Thousands wait at the border</h1><p>The queue grew overnight, according to live figures:</p>
        {{Frame(src, "bw-card", 200)}}
        {{more}}
        </body></html>
        """;

    private static string Frame(string src, string id, int height) =>
        $"""<p><iframe id="{id}" src="{src}" title="BorderWatch" width="480" height="{height}" style="border:0;width:100%;max-width:480px;height:{height}px"></iframe></p>""";

    private static string Screenshot(string name) => Path.Combine(TestArtifacts.Directory("screenshots"), name + ".png");
}
