using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Imaging;
using BorderWatch.Vision.Queues;
using OpenCvSharp;
using Xunit.Abstractions;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// The real photographs in shared/samples (never copied into the repository) go through the whole engine: checks,
/// estimate, blurring, overlay. When shared/ is not beside the repository there is nothing to check and the test
/// says so. The lanes are the author's, drawn on each camera's view (docs/vision.md lists them with hand counts).
/// </summary>
public sealed class SamplePhotoTests(ITestOutputHelper output)
{
    /// <summary>Lanes per camera (1920×1080 frames), from the queue head outward, with widths.</summary>
    private static readonly Dictionary<string, (string Lane, string Widths)> Lanes = new()
    {
        ["2701"] = ("700,960 1100,790 1500,640 1880,470", "48 38 28 20"),
        ["2702"] = ("1155,705 1260,870 1350,1050", "22 34 48"),
        ["4713"] = ("1560,575 1470,490 1390,420 1320,340 1310,260 1370,190 1440,120", "150 130 110 85 70 60 50"),
        ["4703"] = ("560,330 420,180 300,60", "30 22 16"),
    };

    private static readonly Dictionary<string, string> Cameras = new()
    {
        ["img01"] = "4703", ["img02"] = "4703", ["img03"] = "4703", ["img04"] = "4703",
        ["img05"] = "2701", ["img06"] = "2701", ["img07"] = "2701",
        ["img08"] = "2702", ["img09"] = "2702",
        ["img10"] = "4713", ["img11"] = "4713", ["img16"] = "4713",
    };

    [Fact]
    public void Analyze_EverySamplePhoto_RunsWithoutErrorAndDrawsItsOverlay()
    {
        var folder = FindSamples();
        if (folder is null)
        {
            output.WriteLine("shared/samples/photos is not beside the repository: nothing to check.");
            return;
        }

        using var engine = new VisionEngine(new ImageLimits(), VisionEnvironment.Check());
        var photos = Directory.GetFiles(folder, "*.jpg").Order().ToList();
        Assert.NotEmpty(photos);
        foreach (var path in photos)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var bytes = File.ReadAllBytes(path);
            var size = Cv2.ImDecode(bytes, ImreadModes.Color).Size();
            // Photos without a known camera get a lane up the middle of the picture: the engine must still cope.
            var (lane, widths) = Cameras.TryGetValue(name, out var camera)
                ? Lanes[camera]
                : ($"{size.Width / 2},{size.Height - 5} {size.Width / 2},{size.Height / 3}", null);
            var profile = new LaneProfile(LaneProfile.ParsePoints(lane, out _)!, LaneProfile.ParseNumbers(widths, out _));

            var result = engine.Analyze(bytes, profile);

            Assert.Null(result.Rejection);
            Assert.NotNull(result.Value!.OverlayJpeg);
            var e = result.Value.Estimate;
            output.WriteLine($"{name} camera {camera ?? "-"}: {e.Vehicles} vehicles, {e.QueueFraction:P0} of lane, {e.QueueLengthMetres?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} m, confidence {e.Confidence:0.00}");
        }
    }

    private static string? FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples", "photos");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
