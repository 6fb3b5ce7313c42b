using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;
using BorderWatch.Vision.Queues;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>
/// An analyst turns a picture into a reading: uploads a photo, draws the lane from the gate outward, sees the
/// estimate and the overlay, accepts it; and calibrates a camera by drawing its lane and widths on its latest frame.
/// </summary>
public sealed class ImageJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Waits for server-side image work: every image is redacted (four Haar cascades, about a second on one free core)
    /// before the page shows it, and the machine is shared. Never a timing assertion.
    /// </summary>
    private const float Slow = 30_000;

    [Fact]
    public async Task UploadPage_UploadImageAndDrawLane_ShowsEstimateAndOverlayThenStoresReading()
    {
        var (jpeg, truth, _) = TestScenes.Generate(15);
        var page = await browser.NewPageAsync(1440, 1000);
        await SignInAsync(page, "/images/upload");

        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "queue.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        var canvas = page.Locator("[data-testid=lane-canvas]");
        await Expect(canvas).ToBeVisibleAsync(new() { Timeout = Slow });
        foreach (var point in truth.Lane.Points)
        {
            await ClickImagePointAsync(canvas, point, 960);
        }

        await Expect(page.Locator("textarea[data-testid=lane-points], [data-testid=lane-points] textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+,\d+ \d+,\d+"));
        await Expect(page.Locator("[data-testid=analyse]")).ToBeEnabledAsync();
        await page.Locator("[data-testid=analyse]").ClickAsync();

        // Decoding, analysing, blurring and drawing take a moment on a busy machine.
        await Expect(page.Locator("[data-testid=estimate-vehicles]")).ToBeVisibleAsync(new() { Timeout = Slow });
        var overlay = page.Locator("[data-testid=overlay]");
        await Expect(overlay).ToBeVisibleAsync();
        Assert.Equal(960, await overlay.EvaluateAsync<int>("img => img.naturalWidth"));
        var shown = int.Parse(await page.Locator("[data-testid=estimate-vehicles]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await BrowserFixture.ScreenshotAsync(page, "upload-estimate-light-wide");

        await page.Locator("[data-testid=accept]").ClickAsync();
        await Expect(page.Locator("[data-testid=upload-stored]")).ToContainTextAsync("Stored as reading", new() { Timeout = Slow });
        using var client = browser.Server.CreateApiClient();
        var readings = await client.GetFromJsonAsync<Reading[]>("api/crossings/vaalimaa/readings", BorderWatchJson.Options);
        var reading = Assert.Single(readings!, r => r.Kind == ReadingKind.Image);
        Assert.Equal(shown, reading.Vehicles);
        Assert.NotNull(reading.Source.ImageId);

        // The crossing page shows the image with its overlay.
        await BrowserFixture.GotoInteractiveAsync(page, "/crossings/vaalimaa");
        await Expect(page.Locator("[data-testid=crossing-image]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "crossing-vaalimaa-images");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UploadPage_PhoneDark_LaneDrawnByTapping()
    {
        var (jpeg, truth, _) = TestScenes.Generate(21);
        var page = await browser.NewPageAsync(390, 844, ColorScheme.Dark);
        await SignInAsync(page, "/images/upload?crossing=narva");

        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "phone.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        var canvas = page.Locator("[data-testid=lane-canvas]");
        await Expect(canvas).ToBeVisibleAsync(new() { Timeout = Slow });
        await ClickImagePointAsync(canvas, truth.Lane.Points[0], 960);
        await ClickImagePointAsync(canvas, truth.Lane.Points[^1], 960);
        await Expect(page.Locator("[data-testid=analyse]")).ToBeEnabledAsync();
        await page.Locator("[data-testid=analyse]").ClickAsync();

        await Expect(page.Locator("[data-testid=overlay]")).ToBeVisibleAsync(new() { Timeout = Slow });
        await BrowserFixture.ScreenshotAsync(page, "upload-estimate-dark-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UploadPage_NotAnImage_SaysSoAndShowsNothing()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "/images/upload");

        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "queue 3 km"u8.ToArray() });

        await Expect(page.Locator("[data-testid=upload-error]")).ToContainTextAsync("not a JPEG, PNG or WebP");
        await Expect(page.Locator("[data-testid=lane-canvas]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CalibrationPage_DrawLaneAndWidthsSetReference_SavesALane()
    {
        var (jpeg, truth, emptyRoad) = TestScenes.Generate(33);
        using var client = browser.Server.CreateApiClient();
        using (var created = await client.PostAsJsonAsync("api/cameras", new { uid = "cam-nuijamaa", crossing = "nuijamaa", name = "Nuijamaa approach" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await browser.NewPageAsync(1440, 1000);
        await SignInAsync(page, "/cameras/cam-nuijamaa/calibrate");
        await page.SetInputFilesAsync("#frame-file", new FilePayload { Name = "empty.jpg", MimeType = "image/jpeg", Buffer = emptyRoad });
        await page.Locator("[data-testid=set-reference]").ClickAsync();
        await Expect(page.Locator("[data-testid=reference-chip]")).ToBeVisibleAsync(new() { Timeout = Slow });
        var emptyFrame = await page.Locator("[data-testid=frame-caption]").GetAttributeAsync("data-frame");
        await page.SetInputFilesAsync("#frame-file", new FilePayload { Name = "frame.jpg", MimeType = "image/jpeg", Buffer = jpeg });
        await Expect(page.Locator("[data-testid=frame-caption]")).Not.ToHaveAttributeAsync("data-frame", emptyFrame!, new() { Timeout = Slow });
        var canvas = page.Locator("[data-testid=lane-canvas]");
        await Expect(canvas).ToBeVisibleAsync(new() { Timeout = Slow });
        var head = truth.Lane.Points[0];
        var end = truth.Lane.Points[^1];
        await ClickImagePointAsync(canvas, head, 960);
        await ClickImagePointAsync(canvas, end, 960);

        // Widen the lane at the gate by dragging its width handle outward.
        var widths = page.Locator("input[data-testid=lane-widths], [data-testid=lane-widths] input");
        await Expect(widths).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+ \d+$"));
        var before = await widths.InputValueAsync();
        var (nx, ny) = Normal(head, end);
        var half = double.Parse(before.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 2;
        var box = (await canvas.BoundingBoxAsync())!;
        var s = box.Width / 960;
        await page.Mouse.MoveAsync((float)(box.X + ((head.X + (nx * half)) * s)), (float)(box.Y + ((head.Y + (ny * half)) * s)));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box.X + ((head.X + (nx * (half + 30))) * s)), (float)(box.Y + ((head.Y + (ny * (half + 30))) * s)), new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Expect(widths).Not.ToHaveValueAsync(before);

        await Expect(page.Locator("[data-testid=preview-overlay]")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(page.Locator("[data-testid=preview-vehicles]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=save-lane]").ClickAsync();
        await Expect(page.Locator("[data-testid=lane-saved]")).ToBeVisibleAsync(new() { Timeout = Slow });
        await BrowserFixture.ScreenshotAsync(page, "calibration-saved-light-wide");

        var lane = await client.GetFromJsonAsync<JsonElement>("api/cameras/cam-nuijamaa/lane");
        var points = LaneProfile.ParsePoints(lane.GetProperty("points").GetString(), out _)!;
        Assert.Equal(2, points.Count);
        Assert.InRange(points[0].X, head.X - 3, head.X + 3);
        var savedWidths = LaneProfile.ParseNumbers(lane.GetProperty("widths").GetString(), out _)!;
        Assert.True(savedWidths[0] > (half * 2) + 20, $"the dragged width was saved ({savedWidths[0]})");
        Assert.NotNull(lane.GetProperty("referenceImageUid").GetString());
        await page.Context.CloseAsync();
    }

    private async Task SignInAsync(IPage page, string returnUrl)
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#apiKey").FillAsync(BorderWatchServer.ApiKey);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    private static async Task ClickImagePointAsync(ILocator canvas, PixelPoint point, int imageWidth)
    {
        var box = (await canvas.BoundingBoxAsync())!;
        var scale = box.Width / imageWidth;
        await canvas.ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)(point.X * scale), Y = (float)(point.Y * scale) } });
    }

    private static (double X, double Y) Normal(PixelPoint a, PixelPoint b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        return (-dy / length, dx / length);
    }
}
