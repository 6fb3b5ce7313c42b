using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using BorderWatch.Data.Images;
using BorderWatch.Web.Components.Controls;
using BorderWatch.Web.Live;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace BorderWatch.Web.Components.Tests.Controls;

/// <summary>The crossing page's images: stored images of the crossing with their numbers, following new image readings live.</summary>
public sealed class CrossingImagesTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("borderwatch-bunit-images-").FullName;
    private readonly BunitContext _context = new();
    private readonly ImageRepository _images;
    private readonly LiveUpdates _live = new(NullLogger<LiveUpdates>.Instance);

    public CrossingImagesTests()
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(_directory, "bunit.db")}");
        database.Migrate();
        var crossings = new CrossingRepository(database);
        crossings.SyncAsync(Gazetteer.Default, TimeProvider.System).GetAwaiter().GetResult();
        _images = new ImageRepository(database, crossings);
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_images);
        _context.Services.AddSingleton(_live);
        _context.Services.AddSingleton(TimeProvider.System);
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Render_NoImages_ShowsNothing()
    {
        var component = _context.Render<CrossingImages>(p => p.Add(c => c.Slug, "woodlands"));

        Assert.Empty(component.FindAll("[data-testid=crossing-images]"));
    }

    [Fact]
    public async Task ImageReadingArrives_ShowsTheOverlayWithItsNumbersWithoutReload()
    {
        var component = _context.Render<CrossingImages>(p => p.Add(c => c.Slug, "woodlands"));
        var now = DateTimeOffset.UtcNow;
        await _images.AddAsync(new StoredImage("img_test1", "woodlands", null, "upload", new string('b', 64), 1920, 1080, "2026/01/img_test1.jpg",
            "2026/01/img_test1.overlay.jpg", 1, 2,
            """{"vehicles":37,"queueEnd":[900,400],"queueFraction":0.8,"queueLengthM":230,"laneLengthM":290,"confidence":0.71,"needsReview":false,"usedReference":true,"notes":[]}""",
            now, now));

        // What the ingest pipeline publishes after storing the image's reading.
        _live.Publish(new ReadingAdded(new Reading
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

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
