using BorderWatch.Vision.Synthesis;
using OpenCvSharp;

namespace BorderWatch.Testing;

/// <summary>Road scenes generated in the test (nothing binary is checked in), as the bytes a client would send.</summary>
public static class TestScenes
{
    /// <summary>A generated scene as JPEG with its truth and its empty-road twin.</summary>
    public static (byte[] Jpeg, SceneTruth Truth, byte[] EmptyRoad) Generate(int seed, int width = 960, int height = 540)
    {
        using var scene = new SceneSynthesizer(width, height).Generate(seed);
        return (Jpeg(scene.Image), scene.Truth, Jpeg(scene.EmptyRoad));
    }

    public static byte[] Jpeg(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return bytes;
    }

    /// <summary>Inserts an APP1 Exif segment with the given text right after the JPEG's SOI marker.</summary>
    public static byte[] WithExif(byte[] jpeg, string payload)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        var body = System.Text.Encoding.ASCII.GetBytes("Exif\0\0" + payload);
        var length = body.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF), .. body];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The sample photographs in shared/samples, when that folder is beside the repository (skip otherwise).</summary>
    public static string? SamplePhotos()
    {
        var root = TestArtifacts.FindRepositoryRoot();
        for (var dir = root is null ? null : new DirectoryInfo(root); dir is not null; dir = dir.Parent)
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
