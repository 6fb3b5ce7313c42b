using OpenCvSharp;

namespace BorderWatch.Vision.Environment;

/// <summary>Whether the native OpenCV library loads and the privacy cascades are present on this machine.</summary>
public sealed record VisionStatus(bool NativeLibraryLoaded, string? OpenCvVersion, bool CascadesFound, string? CascadeDirectory, string? Problem)
{
    /// <summary>Images may be analysed.</summary>
    public bool CanAnalyse => NativeLibraryLoaded;

    /// <summary>Images may be stored or shown: only when faces and plates can be blurred first.</summary>
    public bool CanPublishImages => NativeLibraryLoaded && CascadesFound;
}

/// <summary>Checks the native parts the vision engine needs, once, with advice an operator can act on.</summary>
public static class VisionEnvironment
{
    /// <summary>Debian's <c>opencv-data</c> package puts the Haar cascades here.</summary>
    public static readonly IReadOnlyList<string> CascadeDirectories =
    [
        "/usr/share/opencv4/haarcascades",
        "/usr/share/opencv/haarcascades",
        "/usr/local/share/opencv4/haarcascades",
    ];

    public const string FaceCascade = "haarcascade_frontalface_default.xml";

    public static VisionStatus Check(string? cascadeDirectory = null)
    {
        string? version;
        try
        {
            version = Cv2.GetVersionString();
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            return new VisionStatus(false, null, false, null,
                "The OpenCV native library (OpenCvSharpExtern) could not load. On Debian/Ubuntu install its system libraries: " +
                "sudo apt-get install -y libgtk-3-0 (libgtk-3-0t64 on newer releases). Numbers from reports still work; images are refused. " +
                $"Detail: {ex.GetBaseException().Message}");
        }

        var directory = cascadeDirectory is not null
            ? (File.Exists(Path.Combine(cascadeDirectory, FaceCascade)) ? cascadeDirectory : null)
            : CascadeDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, FaceCascade)));
        if (directory is null)
        {
            return new VisionStatus(true, version, false, null,
                "The Haar cascades for face and licence-plate blurring were not found. Install them: sudo apt-get install -y opencv-data. " +
                "Until then BorderWatch analyses images but refuses to store or show them.");
        }

        return new VisionStatus(true, version, true, directory, null);
    }
}
