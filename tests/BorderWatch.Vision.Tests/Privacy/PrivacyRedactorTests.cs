using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Privacy;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Privacy;

public sealed class PrivacyRedactorTests
{
    [Fact]
    public void Redact_PlateOnACar_BlursThePlateSoItsLettersAreGone()
    {
        using var redactor = new PrivacyRedactor(VisionEnvironment.Check().CascadeDirectory!);
        using var image = new Mat(480, 640, MatType.CV_8UC3, new Scalar(70, 70, 75));
        // A car's rear with a Russian-format plate: white, black border and characters, 520×112 mm at ~0.35 px/mm.
        Cv2.Rectangle(image, new Rect(170, 150, 300, 200), new Scalar(40, 40, 150), -1);
        var plate = new Rect(230, 290, 182, 40);
        Cv2.Rectangle(image, plate, Scalar.White, -1);
        Cv2.Rectangle(image, plate, Scalar.Black, 2);
        Cv2.PutText(image, "A123BC 77", new Point(236, 321), HersheyFonts.HersheySimplex, 0.95, Scalar.Black, 2, LineTypes.AntiAlias);
        var before = Sharpness(image, plate);

        var result = redactor.Redact(image);

        Assert.True(result.Plates >= 1, "the plate was not found");
        Assert.True(Sharpness(image, plate) < before * 0.2, $"the plate is still sharp ({Sharpness(image, plate):0} vs {before:0} before)");
    }

    [Fact]
    public void Redact_EmptyRoad_ChangesNothing()
    {
        using var redactor = new PrivacyRedactor(VisionEnvironment.Check().CascadeDirectory!);
        using var image = new Mat(360, 640, MatType.CV_8UC3, new Scalar(110, 110, 112));
        using var before = image.Clone();

        var result = redactor.Redact(image);

        Assert.Equal(new RedactionResult(0, 0), result);
        Assert.Equal(0, Cv2.Norm(image, before, NormTypes.L1));
    }

    /// <summary>Edge energy in a region: letters have lots, a blurred patch little.</summary>
    private static double Sharpness(Mat image, Rect region)
    {
        using var grey = new Mat();
        Cv2.CvtColor(new Mat(image, region), grey, ColorConversionCodes.BGR2GRAY);
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        return deviation.Val0 * deviation.Val0;
    }
}
