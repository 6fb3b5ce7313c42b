using System.Globalization;
using System.Security.Claims;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Cameras;
using BorderWatch.Data.Images;
using BorderWatch.Vision;
using BorderWatch.Vision.Imaging;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace BorderWatch.Web.Images;

/// <summary><c>/api/images</c>: upload an image for analysis (stored as a reading), and fetch stored redacted images and overlays.</summary>
public static class ImageEndpoints
{
    /// <summary>Multipart overhead allowed on top of the image itself.</summary>
    private const long FormOverhead = 64 * 1024;

    public static RouteGroupBuilder MapImageEndpoints(this IEndpointRouteBuilder app, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var group = app.MapGroup("/api/images").WithTags("Images");
        group.MapPost("/", Upload)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(limits.MaxBytes + FormOverhead))
            .DisableAntiforgery()
            .WithSummary("Analyse an image (multipart: image, crossing, lane or camera, laneWidth?, observedAt?, direction?) and store it as a reading")
            .WithDescription("Faces and licence plates are blurred and all metadata removed before the image is stored; the original is not kept.");
        group.MapGet("/{uid}", (string uid, ImageRepository images, ImageFileStore files, CancellationToken ct) => Serve(uid, overlay: false, images, files, ct))
            .WithSummary("A stored image (redacted JPEG)");
        group.MapGet("/{uid}/overlay", (string uid, ImageRepository images, ImageFileStore files, CancellationToken ct) => Serve(uid, overlay: true, images, files, ct))
            .WithSummary("What the analyser saw: lane cells, queue end and count drawn on the redacted image");
        return group;
    }

    private static async Task<IResult> Upload(
        HttpRequest request, ImageIngest ingest, IVisionEngine vision, Gazetteer gazetteer, CameraRepository cameras, TimeProvider time,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send multipart/form-data with the image in a field named 'image' and the crossing slug in 'crossing'.");
        }

        IFormCollection form;
        try
        {
            // The whole upload stays in memory: ASP.NET Core would otherwise spool file sections over 64 KB to a
            // temporary file, and the original must never touch the disk.
            var limit = vision.Limits.MaxBytes + FormOverhead;
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limit,
                MemoryBufferThreshold = (int)Math.Min(int.MaxValue, limit),
                ValueCountLimit = 32,
            }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TooLarge(vision.Limits.MaxBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(vision.Limits.MaxBytes);
        }

        var errors = new Dictionary<string, string[]>();
        var crossing = form["crossing"].ToString();
        if (string.IsNullOrWhiteSpace(crossing))
        {
            errors["crossing"] = ["The crossing slug is required."];
        }
        else if (!gazetteer.Contains(crossing))
        {
            errors["crossing"] = [$"Unknown crossing '{(crossing.Length > 60 ? crossing[..60] + "…" : crossing)}'. GET /api/crossings lists the valid slugs."];
        }

        var file = form.Files.GetFile("image");
        if (file is null || file.Length == 0)
        {
            errors["image"] = [file is null ? "Attach the image in a field named 'image'." : "The image is empty."];
        }

        DateTimeOffset? observedAt = null;
        if (form["observedAt"].ToString() is { Length: > 0 } observedText)
        {
            if (!DateTimeOffset.TryParse(observedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                errors["observedAt"] = ["observedAt must be an ISO 8601 date-time, e.g. 2026-01-20T07:30:00Z."];
            }
            else if (parsed > time.GetUtcNow() + ReadingLimits.FutureTolerance)
            {
                errors["observedAt"] = ["observedAt is in the future."];
            }
            else
            {
                observedAt = parsed.ToUniversalTime();
            }
        }

        var direction = Direction.Unknown;
        if (form["direction"].ToString() is { Length: > 0 } directionText && !ReadingNames.TryParseDirection(directionText, out direction))
        {
            errors["direction"] = ["direction must be one of outbound, inbound, unknown."];
        }

        var cameraUid = form["camera"].ToString() is { Length: > 0 } c ? c : null;
        var laneText = form["lane"].ToString();
        Vision.Queues.LaneProfile? lane = null;
        byte[]? reference = null;
        Camera? camera = null;
        if (!string.IsNullOrWhiteSpace(laneText))
        {
            var (parsedLane, laneErrors) = LaneStrings.Parse(laneText, form["laneWidth"].ToString());
            foreach (var (key, value) in laneErrors)
            {
                errors[key] = value;
            }

            lane = parsedLane;
        }
        else if (cameraUid is not null)
        {
            camera = await cameras.GetAsync(cameraUid, cancellationToken);
            if (camera is null)
            {
                errors["camera"] = [$"There is no camera '{cameraUid}'."];
            }
            else if (await ingest.CameraLaneAsync(cameraUid, cancellationToken) is { } calibrated)
            {
                (lane, reference) = calibrated;
            }
            else
            {
                errors["camera"] = [$"Camera '{cameraUid}' has no lane yet; calibrate it or send a lane."];
            }
        }
        else
        {
            errors["lane"] = ["Send the lane (\"x,y x,y …\" from the queue head outward) or a calibrated camera's id."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        if (file!.Length > vision.Limits.MaxBytes)
        {
            return TooLarge(vision.Limits.MaxBytes);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        if (vision.Check(bytes) is { } rejection)
        {
            return Refused(rejection);
        }

        var (result, refused) = await ingest.StoreAsync(new ImageSubmission
        {
            Image = bytes,
            Crossing = crossing,
            Lane = lane!,
            CameraUid = camera?.Uid,
            ObservedAt = observedAt,
            Direction = direction,
            Reference = reference,
            Source = new Provenance(
                Name: camera?.Name ?? (form["source"].ToString() is { Length: > 0 and <= ReadingLimits.MaxSourceNameLength } name ? name : "Uploaded photo"),
                SourceType: camera is not null ? "camera" : "crowd"),
        }, user.KeyId(), cancellationToken);
        if (refused is not null)
        {
            return Refused(refused);
        }

        var body = ImageUploadResponse.From(result!);
        return TypedResults.Created(body.Image?.Url ?? $"/api/readings/{result!.Reading.Id.ToString(CultureInfo.InvariantCulture)}", body);
    }

    private static async Task<IResult> Serve(string uid, bool overlay, ImageRepository images, ImageFileStore files, CancellationToken cancellationToken)
    {
        var image = await images.GetAsync(uid, cancellationToken);
        var path = overlay ? image?.OverlayPath : image?.Path;
        if (image is null || path is null)
        {
            return ApiResults.NotFound($"There is no {(overlay ? "overlay for image" : "image")} '{uid}'.");
        }

        var full = files.Resolve(path);
        if (!File.Exists(full))
        {
            return ApiResults.NotFound($"The file of image '{uid}' is missing.");
        }

        // Stored images never change (a new analysis is a new image): cache them for good.
        return TypedResults.PhysicalFile(full, "image/jpeg", entityTag: new EntityTagHeaderValue($"\"{image.Sha256[..16]}{(overlay ? "o" : "")}\""),
            lastModified: image.CreatedAt);
    }

    private static IResult Refused(ImageRejection rejection)
    {
        if (rejection.Status == StatusCodes.Status400BadRequest)
        {
            return ApiResults.Invalid("lane", rejection.Message);
        }

        var title = rejection.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Image too large",
            StatusCodes.Status415UnsupportedMediaType => "Not an image",
            StatusCodes.Status503ServiceUnavailable => "Vision engine unavailable",
            _ => "The image cannot be used",
        };
        return TypedResults.Problem(title: title, detail: rejection.Message + " Nothing was stored.", statusCode: rejection.Status,
            extensions: new Dictionary<string, object?> { ["field"] = "image" });
    }

    private static IResult TooLarge(long maxBytes) => TypedResults.Problem(
        title: "Image too large", statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"The upload is larger than {maxBytes:N0} bytes; nothing was stored.", extensions: new Dictionary<string, object?> { ["field"] = "image" });
}

/// <summary>The answer to an upload.</summary>
public sealed record ImageUploadResponse(ImageView? Image, AnalysisSummary Analysis, Reading Reading, IReadOnlyList<string> Warnings)
{
    public static ImageUploadResponse From(ImageIngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Image is { } i ? ImageView.From(i) : null, AnalysisSummary.From(result.Estimate), result.Reading, result.Warnings);
    }
}

/// <summary>A stored image as the API shows it.</summary>
public sealed record ImageView(string Uid, string Url, string? OverlayUrl, int Width, int Height, int FacesBlurred, int PlatesBlurred, string? Camera)
{
    public static ImageView From(StoredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new(image.Uid, $"/api/images/{image.Uid}", image.OverlayPath is null ? null : $"/api/images/{image.Uid}/overlay",
            image.Width, image.Height, image.Faces, image.Plates, image.CameraUid);
    }
}
