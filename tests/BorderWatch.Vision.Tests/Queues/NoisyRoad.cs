using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>The empty road the estimator's drawn tests start from: asphalt grey with a little sensor noise.</summary>
internal static class NoisyRoad
{
    /// <summary>A <paramref name="rows"/> × <paramref name="cols"/> grey picture (BGR 110) with noise of spread 3.</summary>
    public static Mat Create(int rows, int cols)
    {
        var image = new Mat(rows, cols, MatType.CV_8UC3, new Scalar(110, 110, 110));
        using var noise = new Mat(rows, cols, MatType.CV_8UC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(3));
        Cv2.Add(image, noise, image);
        return image;
    }
}
