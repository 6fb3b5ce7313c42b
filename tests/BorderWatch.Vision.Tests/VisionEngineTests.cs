using System.Text;
using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Imaging;
using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests;

public sealed class VisionEngineTests : IDisposable
{
    private readonly VisionEngine _engine = new(new ImageLimits(), VisionEnvironment.Check());

    [Fact]
    public void Analyze_PhotoWithGpsExif_StoredImageHasNoMetadata()
    {
        var (jpeg, truth, _) = TestImages.Scene(3);
        var withExif = TestImages.WithExif(jpeg, "GPSLatitude 60.5683 N; Owner Jane Doe");

        var result = _engine.Analyze(withExif, truth.Lane);

        Assert.Null(result.Rejection);
        var stored = Encoding.Latin1.GetString(result.Value!.Image!.Jpeg);
        Assert.DoesNotContain("Exif", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("GPS", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", stored, StringComparison.Ordinal);
        Assert.NotNull(result.Value.OverlayJpeg);
        using var overlay = Cv2.ImDecode(result.Value.OverlayJpeg!, ImreadModes.Color);
        Assert.Equal(new Size(960, 540), overlay.Size());
    }

    [Fact]
    public void Analyze_LaneOutsideImage_Refused400()
    {
        var lane = new LaneProfile([new PixelPoint(10, 10), new PixelPoint(5000, 10)]);

        var result = _engine.Analyze(TestImages.Jpeg(), lane);

        Assert.Equal(400, result.Rejection!.Status);
        Assert.Contains("outside", result.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_LaneOfOnePoint_Refused400()
    {
        var result = _engine.Analyze(TestImages.Jpeg(), new LaneProfile([new PixelPoint(10, 10)]));

        Assert.Equal(400, result.Rejection!.Status);
        Assert.Contains("at least two points", result.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_WithoutCascades_EstimatesButPublishesNoImage()
    {
        var empty = Directory.CreateTempSubdirectory("bw-nocascades-").FullName;
        try
        {
            using var engine = new VisionEngine(new ImageLimits(), VisionEnvironment.Check(empty));
            var (jpeg, truth, _) = TestImages.Scene(5);

            var result = engine.Analyze(jpeg, truth.Lane);

            Assert.NotNull(result.Value!.Estimate);
            Assert.Null(result.Value.Image);
            Assert.Null(result.Value.OverlayJpeg);
            Assert.Equal(503, engine.Redact(jpeg).Rejection!.Status);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Analyze_EmptyRoadAsReference_FindsNoQueue()
    {
        var (_, truth, emptyRoad) = TestImages.Scene(12);

        var result = _engine.Analyze(emptyRoad, truth.Lane, emptyRoad);

        Assert.Equal(0, result.Value!.Estimate.Vehicles);
        Assert.True(result.Value.Estimate.UsedReference);
    }

    public void Dispose() => _engine.Dispose();
}
