using BorderWatch.Vision.Synthesis;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests;

/// <summary>Images made in the test: nothing binary is checked in.</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width = 320, int height = 240, int seed = 1)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(40), Scalar.All(200));
        Cv2.GaussianBlur(image, image, new Size(5, 5), 0);
        Cv2.PutText(image, seed.ToString(System.Globalization.CultureInfo.InvariantCulture), new Point(10, 40), HersheyFonts.HersheySimplex, 1, Scalar.White);
        return Encode(image, ".jpg");
    }

    public static byte[] Encode(Mat image, string extension)
    {
        Cv2.ImEncode(extension, image, out var bytes);
        return bytes;
    }

    /// <summary>A generated road scene as JPEG, with its truth.</summary>
    public static (byte[] Jpeg, SceneTruth Truth, byte[] EmptyRoad) Scene(int seed, int width = 960, int height = 540)
    {
        using var scene = new SceneSynthesizer(width, height).Generate(seed);
        return (Encode(scene.Image, ".jpg"), scene.Truth, Encode(scene.EmptyRoad, ".jpg"));
    }

    /// <summary>Inserts an APP1 Exif segment (with a GPS-looking payload) right after the SOI marker.</summary>
    public static byte[] WithExif(byte[] jpeg, string payload)
    {
        var body = System.Text.Encoding.ASCII.GetBytes("Exif\0\0" + payload);
        var length = body.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. body];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>Rewrites the frame size in a JPEG's SOF0 header (the pixels stay small): a decompression bomb's header.</summary>
    public static byte[] WithClaimedSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < copy.Length; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC2)
            {
                copy[i + 5] = (byte)(height >> 8);
                copy[i + 6] = (byte)(height & 0xFF);
                copy[i + 7] = (byte)(width >> 8);
                copy[i + 8] = (byte)(width & 0xFF);
                return copy;
            }
        }

        throw new InvalidOperationException("No SOF marker.");
    }
}
