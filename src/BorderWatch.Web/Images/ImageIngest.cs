using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Data.Cameras;
using BorderWatch.Data.Images;
using BorderWatch.Vision;
using BorderWatch.Vision.Imaging;
using BorderWatch.Vision.Queues;
using BorderWatch.Web.Ingest;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Images;

/// <summary>An image to analyse and store: what every edge (HTTP upload, upload page, camera feed) hands over.</summary>
public sealed record ImageSubmission
{
    public required byte[] Image { get; init; }
    public required string Crossing { get; init; }
    public required LaneProfile Lane { get; init; }
    public string? CameraUid { get; init; }
    public DateTimeOffset? ObservedAt { get; init; }
    public Direction Direction { get; init; } = Direction.Unknown;

    /// <summary>Empty-road reference (the camera's), if any.</summary>
    public byte[]? Reference { get; init; }

    /// <summary>upload or frame.</summary>
    public string ImageKind { get; init; } = "upload";

    public Provenance Source { get; init; } = Provenance.None;

    /// <summary>An analyst's count that replaces the estimate's (the upload page's "correct").</summary>
    public int? CorrectedVehicles { get; init; }
}

/// <summary>What was stored: the image (absent when images cannot be published here), the estimate and the reading.</summary>
public sealed record ImageIngestResult(StoredImage? Image, QueueEstimate Estimate, Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>
/// The one place images become readings. Analyses along the lane, blurs faces and plates and strips metadata, writes
/// the redacted image and overlay, records them, then stores the reading through the <see cref="IngestPipeline"/>.
/// When anything fails before the reading is committed, the files and row written so far are removed: nothing is
/// half-stored. The original upload is never written unless <c>Vision:KeepRawUploads</c> is on.
/// </summary>
public sealed class ImageIngest(
    IVisionEngine vision,
    ImageFileStore files,
    ImageRepository images,
    CameraRepository cameras,
    IngestPipeline ingest,
    IOptions<ImageLimits> limits,
    TimeProvider time,
    ILogger<ImageIngest> logger)
{
    private const double MetresPerKm = 1000;

    /// <summary>Largest image accepted, in bytes.</summary>
    public long MaxImageBytes => vision.Limits.MaxBytes;

    /// <summary>Analyses without storing anything (the upload and calibration pages' preview).</summary>
    public VisionResult<ImageAnalysis> Preview(byte[] image, LaneProfile lane, byte[]? reference = null) => vision.Analyze(image, lane, reference);

    /// <summary>Analyses and stores; returns the stored result or the reason it was refused (nothing stored then).</summary>
    public async Task<(ImageIngestResult? Result, ImageRejection? Rejection)> StoreAsync(ImageSubmission submission, long? apiKeyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var analysed = vision.Analyze(submission.Image, submission.Lane, submission.Reference);
        if (analysed.Rejection is { } rejection)
        {
            return (null, rejection);
        }

        var analysis = analysed.Value!;
        var estimate = analysis.Estimate;
        var now = time.GetUtcNow();
        var warnings = new List<string>();
        var uid = NewUid();
        StoredImage? stored = null;
        string? imagePath = null, overlayPath = null, rawPath = null;
        try
        {
            if (analysis.Image is { } redacted)
            {
                imagePath = await files.WriteAsync(uid, ".jpg", redacted.Jpeg, now, cancellationToken);
                overlayPath = analysis.OverlayJpeg is { } overlay ? await files.WriteAsync(uid, ".overlay.jpg", overlay, now, cancellationToken) : null;
                if (limits.Value.KeepRawUploads)
                {
                    // Operator's choice (evidence); never served by any route.
                    rawPath = await files.WriteAsync(uid, ".original", submission.Image, now, cancellationToken);
                }

                stored = new StoredImage(
                    uid, submission.Crossing, submission.CameraUid, submission.ImageKind, redacted.Sha256, redacted.Width, redacted.Height,
                    imagePath, overlayPath, redacted.Faces, redacted.Plates, JsonSerializer.Serialize(AnalysisSummary.From(estimate), BorderWatchJson.Options),
                    now, submission.ObservedAt ?? now);
                await images.AddAsync(stored, cancellationToken);
            }
            else
            {
                warnings.Add("The image was analysed but not stored: faces and plates cannot be blurred on this server (opencv-data is missing).");
            }

            var reading = ToReading(submission, estimate, stored?.Uid, now);
            // Past this point the reading is queued and will be stored even if the caller goes away.
            var added = await ingest.AddAsync(reading, apiKeyId, CancellationToken.None);
            return (new ImageIngestResult(stored, estimate, added, warnings), null);
        }
        catch
        {
            if (stored is not null)
            {
                await images.DeleteUnreferencedAsync(uid, CancellationToken.None);
            }

            files.TryDelete(imagePath);
            files.TryDelete(overlayPath);
            files.TryDelete(rawPath);
            logger.LogWarning("Storing image {Uid} failed; its files were removed", uid);
            throw;
        }
    }

    /// <summary>
    /// Redacts and stores an image without analysing it: a camera's empty-road reference, or a frame from a camera
    /// that has no lane yet (so the calibration page has a picture to draw on).
    /// </summary>
    public async Task<(StoredImage? Image, ImageRejection? Rejection)> StoreUnanalysedAsync(
        string crossing, string? cameraUid, string kind, byte[] image, DateTimeOffset? observedAt, CancellationToken cancellationToken)
    {
        var redacted = vision.Redact(image);
        if (redacted.Rejection is { } rejection)
        {
            return (null, rejection);
        }

        var now = time.GetUtcNow();
        var uid = NewUid();
        var path = await files.WriteAsync(uid, ".jpg", redacted.Value!.Jpeg, now, cancellationToken);
        var stored = new StoredImage(uid, crossing, cameraUid, kind, redacted.Value.Sha256, redacted.Value.Width, redacted.Value.Height,
            path, null, redacted.Value.Faces, redacted.Value.Plates, null, now, observedAt ?? now);
        try
        {
            await images.AddAsync(stored, cancellationToken);
        }
        catch
        {
            files.TryDelete(path);
            throw;
        }

        return (stored, null);
    }

    /// <summary>A camera's current lane and reference image bytes, or null when it is not calibrated.</summary>
    public async Task<(LaneProfile Lane, byte[]? Reference)?> CameraLaneAsync(string cameraUid, CancellationToken cancellationToken)
    {
        if (await cameras.GetLaneAsync(cameraUid, cancellationToken) is not { } stored)
        {
            return null;
        }

        var lane = LaneStrings.ToProfile(stored.Points, stored.Widths, stored.Metres);
        byte[]? reference = null;
        if (stored.ReferenceImageUid is { } referenceUid && await images.GetAsync(referenceUid, cancellationToken) is { } image)
        {
            try
            {
                reference = await files.ReadAsync(image.Path, cancellationToken);
            }
            catch (IOException)
            {
                logger.LogWarning("The reference image of camera {Camera} is missing on disk; analysing without it", cameraUid);
            }
        }

        return (lane, reference);
    }

    private static Reading ToReading(ImageSubmission submission, QueueEstimate estimate, string? imageUid, DateTimeOffset now)
    {
        var corrected = submission.CorrectedVehicles is not null;
        var vehicles = submission.CorrectedVehicles ?? estimate.Vehicles;
        double? km = estimate.QueueLengthMetres is { } metres && !corrected ? Math.Round(metres / MetresPerKm, 3) : null;
        var excerpt = corrected
            ? string.Create(CultureInfo.InvariantCulture, $"Analyst counted {vehicles} vehicles (the estimator saw {estimate.Vehicles}).")
            : submission.Source.Excerpt;
        return new Reading
        {
            Crossing = submission.Crossing,
            ObservedAt = submission.ObservedAt ?? now,
            ReceivedAt = now,
            Kind = ReadingKind.Image,
            Direction = submission.Direction,
            Vehicles = vehicles,
            QueueKm = km,
            // A person looked at it: their count is trusted; otherwise the estimator's own confidence.
            Confidence = corrected ? 0.9 : estimate.Confidence,
            // Uncertain estimates wait for review rather than move the headline number.
            Status = corrected || !estimate.NeedsReview ? ReadingStatus.Accepted : ReadingStatus.Pending,
            Source = submission.Source with { ImageId = imageUid, Excerpt = excerpt },
        };
    }

    private static string NewUid() => "img_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}

/// <summary>The estimate as stored with an image and returned by the API.</summary>
public sealed record AnalysisSummary(
    int Vehicles,
    double[] QueueEnd,
    double QueueFraction,
    double? QueueLengthM,
    double? LaneLengthM,
    double Confidence,
    bool NeedsReview,
    bool UsedReference,
    IReadOnlyList<string> Notes)
{
    public static AnalysisSummary From(QueueEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return new(
            estimate.Vehicles,
            [Math.Round(estimate.QueueEnd.X, 1), Math.Round(estimate.QueueEnd.Y, 1)],
            Math.Round(estimate.QueueFraction, 3),
            estimate.QueueLengthMetres,
            estimate.LaneLengthMetres,
            estimate.Confidence,
            estimate.NeedsReview,
            estimate.UsedReference,
            estimate.Notes);
    }
}

/// <summary>Lanes as the API, the forms and the database write them ("x,y x,y", "w w").</summary>
public static class LaneStrings
{
    public static LaneProfile ToProfile(string points, string? widths, string? metres)
    {
        var parsed = LaneProfile.ParsePoints(points, out var error) ?? throw new FormatException(error);
        var w = LaneProfile.ParseNumbers(widths, out error);
        var m = LaneProfile.ParseNumbers(metres, out _);
        return error is null ? new LaneProfile(parsed, w, m) : throw new FormatException(error);
    }

    /// <summary>Parses form fields into a lane, with errors keyed by field name.</summary>
    public static (LaneProfile? Lane, Dictionary<string, string[]> Errors) Parse(string? points, string? widths)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = LaneProfile.ParsePoints(points, out var error);
        if (parsed is null)
        {
            errors["lane"] = [error!];
        }
        else if (parsed.Count < 2)
        {
            errors["lane"] = ["A lane needs at least two points, from the queue head (the gate) outward."];
        }

        var w = LaneProfile.ParseNumbers(widths, out error);
        if (error is not null)
        {
            errors["laneWidth"] = [error];
        }
        else if (w is not null && parsed is not null && w.Count != parsed.Count)
        {
            errors["laneWidth"] = [$"Give one lane width per point: {parsed.Count} points but {w.Count} widths."];
        }

        return errors.Count > 0 ? (null, errors) : (new LaneProfile(parsed!, w), errors);
    }
}
