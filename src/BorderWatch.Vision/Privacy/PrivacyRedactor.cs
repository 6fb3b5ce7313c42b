using OpenCvSharp;

namespace BorderWatch.Vision.Privacy;

/// <summary>What the redactor found and blurred.</summary>
public sealed record RedactionResult(int Faces, int Plates);

/// <summary>
/// Blurs faces and licence plates before an image is stored or shown, with OpenCV's Haar cascades (frontal and
/// profile faces; the Russian plate cascades, which also find most European and Asian plates of similar shape).
/// Detection runs on a grey, equalised copy at a bounded size; regions are blurred strongly enough that nothing can
/// be read back, with a margin. Not thread-safe per instance: OpenCV's cascades keep state, so use one per thread
/// or the pool in <see cref="VisionEngine"/>.
/// </summary>
public sealed class PrivacyRedactor : IDisposable
{
    /// <summary>Cascades used, by file name in the opencv-data folder.</summary>
    public static readonly IReadOnlyList<string> FaceCascades = ["haarcascade_frontalface_default.xml", "haarcascade_profileface.xml"];

    public static readonly IReadOnlyList<string> PlateCascades = ["haarcascade_russian_plate_number.xml", "haarcascade_licence_plate_rus_16stages.xml"];

    /// <summary>
    /// Detection works on at most this many pixels on the long side. With the smallest window of
    /// <see cref="MinWindow"/> pixels, a 1920-pixel frame is searched for faces and plates from about 21 pixels up:
    /// smaller ones cannot be recognised or read anyway. (Searching at full size costs seconds per frame.)
    /// </summary>
    private const int DetectionSide = 1280;

    /// <summary>Smallest detection window, in pixels of the detection image.</summary>
    private const int MinWindow = 14;

    /// <summary>Step between detection scales; 1.15 keeps recall while halving the work of 1.1.</summary>
    private const double ScaleStep = 1.15;

    private readonly List<CascadeClassifier> _faces = [];
    private readonly List<CascadeClassifier> _plates = [];

    public PrivacyRedactor(string cascadeDirectory)
    {
        foreach (var name in FaceCascades)
        {
            Load(cascadeDirectory, name, _faces, required: name == FaceCascades[0]);
        }

        foreach (var name in PlateCascades)
        {
            Load(cascadeDirectory, name, _plates, required: false);
        }

        if (_plates.Count == 0)
        {
            throw new FileNotFoundException($"No licence-plate cascade found in {cascadeDirectory}; install opencv-data.");
        }
    }

    /// <summary>Blurs faces and plates in <paramref name="image"/> in place.</summary>
    public RedactionResult Redact(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = Math.Min(1.0, DetectionSide / (double)Math.Max(image.Width, image.Height));
        using var grey = new Mat();
        Cv2.CvtColor(image, grey, ColorConversionCodes.BGR2GRAY);
        using var small = new Mat();
        if (scale < 1)
        {
            Cv2.Resize(grey, small, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        }
        else
        {
            grey.CopyTo(small);
        }

        Cv2.EqualizeHist(small, small);
        var faces = Detect(_faces, small, scale, image.Size(), margin: 0.25);
        var plates = Detect(_plates, small, scale, image.Size(), margin: 0.2);
        foreach (var region in faces.Concat(plates))
        {
            Blur(image, region);
        }

        return new RedactionResult(faces.Count, plates.Count);
    }

    private static List<Rect> Detect(List<CascadeClassifier> cascades, Mat small, double scale, Size size, double margin)
    {
        var found = new List<Rect>();
        foreach (var cascade in cascades)
        {
            foreach (var r in cascade.DetectMultiScale(small, ScaleStep, 3, HaarDetectionTypes.ScaleImage, new Size(MinWindow, MinWindow)))
            {
                // Back to full resolution, grown by a margin so hair, chin and plate frame are covered too.
                var x = (r.X / scale) - (r.Width / scale * margin);
                var y = (r.Y / scale) - (r.Height / scale * margin);
                var w = r.Width / scale * (1 + (2 * margin));
                var h = r.Height / scale * (1 + (2 * margin));
                var rect = new Rect((int)x, (int)y, (int)Math.Ceiling(w), (int)Math.Ceiling(h)) & new Rect(0, 0, size.Width, size.Height);
                if (rect.Width > 0 && rect.Height > 0)
                {
                    found.Add(rect);
                }
            }
        }

        return found;
    }

    private static void Blur(Mat image, Rect region)
    {
        using var roi = new Mat(image, region);
        // Pixelate then blur: nothing of the original detail survives, and the result still reads as "hidden".
        using var tiny = new Mat();
        Cv2.Resize(roi, tiny, new Size(Math.Max(1, region.Width / 12), Math.Max(1, region.Height / 12)), 0, 0, InterpolationFlags.Area);
        using var big = new Mat();
        Cv2.Resize(tiny, big, region.Size, 0, 0, InterpolationFlags.Nearest);
        var kernel = (Math.Max(3, Math.Min(region.Width, region.Height) / 4) | 1);
        Cv2.GaussianBlur(big, roi, new Size(kernel, kernel), 0);
    }

    private static void Load(string directory, string name, List<CascadeClassifier> into, bool required)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            if (required)
            {
                throw new FileNotFoundException($"The cascade {name} is missing from {directory}; install opencv-data.", path);
            }

            return;
        }

        var cascade = new CascadeClassifier(path);
        if (cascade.Empty())
        {
            cascade.Dispose();
            throw new InvalidDataException($"The cascade {path} could not be loaded.");
        }

        into.Add(cascade);
    }

    public void Dispose()
    {
        foreach (var c in _faces.Concat(_plates))
        {
            c.Dispose();
        }
    }
}
