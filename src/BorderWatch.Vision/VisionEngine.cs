using System.Collections.Concurrent;
using System.Security.Cryptography;
using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Imaging;
using BorderWatch.Vision.Privacy;
using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Vision;

/// <summary>An image made safe to keep: faces and plates blurred, re-encoded without any metadata.</summary>
/// <param name="Jpeg">The redacted image as JPEG (no EXIF, no comments, no thumbnails).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Sha256">Hex SHA-256 of <paramref name="Jpeg"/> (never of the original: that could tie a person's file to us).</param>
/// <param name="Faces">Faces blurred.</param>
/// <param name="Plates">Licence plates blurred.</param>
public sealed record RedactedImage(byte[] Jpeg, int Width, int Height, string Sha256, int Faces, int Plates);

/// <summary>The result of analysing one image.</summary>
/// <param name="Estimate">The queue along the lane.</param>
/// <param name="Image">The redacted image, or null when redaction is unavailable (cascades missing): then nothing may be published.</param>
/// <param name="OverlayJpeg">The overlay drawn on the redacted image, or null like <paramref name="Image"/>.</param>
public sealed record ImageAnalysis(QueueEstimate Estimate, RedactedImage? Image, byte[]? OverlayJpeg);

/// <summary>Either a value or the reason the image was refused.</summary>
public sealed record VisionResult<T>(T? Value, ImageRejection? Rejection)
    where T : class
{
    public static VisionResult<T> Refused(ImageRejection rejection) => new(null, rejection);
}

/// <summary>
/// What the rest of BorderWatch asks of the vision engine (the web app and the CLI call only this): check and decode
/// images within limits, estimate the queue along a lane, blur faces and plates, re-encode without metadata, draw
/// the overlay.
/// </summary>
public interface IVisionEngine
{
    VisionStatus Status { get; }

    ImageLimits Limits { get; }

    /// <summary>Checks bytes without decoding pixels (size, format, completeness, dimensions, polyglots).</summary>
    ImageRejection? Check(ReadOnlySpan<byte> image);

    /// <summary>Decodes, analyses along <paramref name="lane"/> (against <paramref name="reference"/> when given), redacts and draws.</summary>
    VisionResult<ImageAnalysis> Analyze(byte[] image, LaneProfile lane, byte[]? reference = null);

    /// <summary>Decodes and redacts only (reference frames, photos stored without a lane).</summary>
    VisionResult<RedactedImage> Redact(byte[] image);

    /// <summary>Checks a lane against an image's size from its header; messages per problem.</summary>
    IReadOnlyList<string> CheckLane(ReadOnlySpan<byte> image, LaneProfile lane);
}

/// <summary>The OpenCvSharp implementation of <see cref="IVisionEngine"/>. Thread-safe.</summary>
public sealed class VisionEngine : IVisionEngine, IDisposable
{
    private const int JpegQuality = 88;

    private readonly ImageInspector _inspector;
    private readonly QueueAnalyzer _analyzer;
    private readonly ConcurrentBag<PrivacyRedactor> _redactors = [];

    public VisionEngine(ImageLimits limits, VisionStatus status, QueueAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _inspector = new ImageInspector(limits);
        _analyzer = new QueueAnalyzer(options);
        Status = status;
    }

    public VisionStatus Status { get; }

    public ImageLimits Limits => _inspector.Limits;

    public ImageRejection? Check(ReadOnlySpan<byte> image) => _inspector.Inspect(image).Rejection;

    public IReadOnlyList<string> CheckLane(ReadOnlySpan<byte> image, LaneProfile lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var (header, rejection) = _inspector.Inspect(image);
        return rejection is not null ? [rejection.Message] : lane.Validate(header!.Value.Width, header.Value.Height);
    }

    public VisionResult<ImageAnalysis> Analyze(byte[] image, LaneProfile lane, byte[]? reference = null)
    {
        ArgumentNullException.ThrowIfNull(lane);
        if (!Status.CanAnalyse)
        {
            return VisionResult<ImageAnalysis>.Refused(new ImageRejection(503, Status.Problem ?? "The vision engine is not available."));
        }

        var (mat, _, rejection) = _inspector.Decode(image);
        if (rejection is not null)
        {
            return VisionResult<ImageAnalysis>.Refused(rejection);
        }

        using (mat)
        {
            var problems = lane.Validate(mat!.Width, mat.Height);
            if (problems.Count > 0)
            {
                return VisionResult<ImageAnalysis>.Refused(new ImageRejection(400, string.Join(" ", problems)));
            }

            Mat? referenceMat = null;
            try
            {
                if (reference is not null)
                {
                    (referenceMat, _, var referenceRejection) = _inspector.Decode(reference);
                    if (referenceRejection is not null)
                    {
                        return VisionResult<ImageAnalysis>.Refused(referenceRejection with { Message = "Reference: " + referenceRejection.Message });
                    }
                }

                var estimate = _analyzer.Analyze(mat, lane, referenceMat);
                if (!Status.CanPublishImages)
                {
                    return new VisionResult<ImageAnalysis>(new ImageAnalysis(estimate, null, null), null);
                }

                var redacted = RedactInPlace(mat);
                using var overlay = QueueOverlay.Draw(mat, lane, estimate);
                return new VisionResult<ImageAnalysis>(new ImageAnalysis(estimate, redacted, Encode(overlay)), null);
            }
            finally
            {
                referenceMat?.Dispose();
            }
        }
    }

    public VisionResult<RedactedImage> Redact(byte[] image)
    {
        if (!Status.CanPublishImages)
        {
            return VisionResult<RedactedImage>.Refused(new ImageRejection(503, Status.Problem ?? "Images cannot be made safe to publish on this server."));
        }

        var (mat, _, rejection) = _inspector.Decode(image);
        if (rejection is not null)
        {
            return VisionResult<RedactedImage>.Refused(rejection);
        }

        using (mat)
        {
            return new VisionResult<RedactedImage>(RedactInPlace(mat!), null);
        }
    }

    /// <summary>Blurs faces and plates in <paramref name="image"/> and encodes it without metadata.</summary>
    private RedactedImage RedactInPlace(Mat image)
    {
        if (!_redactors.TryTake(out var redactor))
        {
            redactor = new PrivacyRedactor(Status.CascadeDirectory!);
        }

        try
        {
            var found = redactor.Redact(image);
            // Encoding from pixels writes a fresh JFIF file: the original's EXIF (GPS, camera serial, owner), comments
            // and thumbnails are not carried over.
            var jpeg = Encode(image);
            return new RedactedImage(jpeg, image.Width, image.Height, Convert.ToHexStringLower(SHA256.HashData(jpeg)), found.Faces, found.Plates);
        }
        finally
        {
            _redactors.Add(redactor);
        }
    }

    private static byte[] Encode(Mat image)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality), new ImageEncodingParam(ImwriteFlags.JpegOptimize, 1));
        return bytes;
    }

    public void Dispose()
    {
        while (_redactors.TryTake(out var redactor))
        {
            redactor.Dispose();
        }
    }
}
