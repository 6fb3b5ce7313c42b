using BorderWatch.Core.Readings;
using BorderWatch.Data.Images;
using BorderWatch.Web.Components.Controls;
using BorderWatch.Web.Live;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Controls;

public class CrossingImagesTests
{
    [Fact]
    public async Task Render_NoImages_ShowsNothing()
    {
        await using var test = new ComponentTestContext();

        var component = test.Context.Render<CrossingImages>(p => p.Add(c => c.Slug, "woodlands"));

        Assert.Empty(component.FindAll("[data-testid=crossing-images]"));
    }

    [Fact]
    public async Task ImageReadingArrives_ShowsTheOverlayWithItsNumbersWithoutReload()
    {
        await using var test = new ComponentTestContext();
        var images = test.Images;
        var component = test.Context.Render<CrossingImages>(p => p.Add(c => c.Slug, "woodlands"));
        var now = DateTimeOffset.UtcNow;
        await images.AddAsync(new StoredImage("img_test1", "woodlands", null, "upload", new string('b', 64), 1920, 1080, "2026/01/img_test1.jpg",
            "2026/01/img_test1.overlay.jpg", 1, 2,
            """{"vehicles":37,"queueEnd":[900,400],"queueFraction":0.8,"queueLengthM":230,"laneLengthM":290,"confidence":0.71,"needsReview":false,"usedReference":true,"notes":[]}""",
            now, now));

        // What the ingest pipeline publishes after storing the image's reading.
        test.Live.Publish(new ReadingAdded(new Reading
        {
            Id = 1, Crossing = "woodlands", ObservedAt = now, ReceivedAt = now, Kind = ReadingKind.Image, Vehicles = 37, Confidence = 0.71,
            Source = new Provenance(ImageId: "img_test1"),
        }));

        component.WaitForAssertion(() =>
        {
            var card = component.Find("[data-testid=crossing-image]");
            Assert.Equal("/api/images/img_test1/overlay", card.QuerySelector("img")!.GetAttribute("src"));
            Assert.Contains("37 vehicles", card.TextContent, StringComparison.Ordinal);
            Assert.Contains("230 m", card.TextContent, StringComparison.Ordinal);
            Assert.Contains("3 blurred", card.TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));
    }
}
