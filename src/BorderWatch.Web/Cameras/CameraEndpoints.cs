using System.Security.Claims;
using System.Text.Json.Serialization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Cameras;
using BorderWatch.Data.Images;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Images;
using BorderWatch.Web.Security;

namespace BorderWatch.Web.Cameras;

/// <summary>A camera as clients send it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CameraInput
{
    public string? Uid { get; init; }
    public string? Crossing { get; init; }
    public string? Name { get; init; }
    public string? FeedFormat { get; init; }
    public string? FeedUrl { get; init; }
    public string? FeedKey { get; init; }
    public string? Direction { get; init; }
    public int? PollSeconds { get; init; }
    public bool? Enabled { get; init; }
    public string? Attribution { get; init; }
}

/// <summary>A lane calibration as clients send it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LaneInput
{
    public string? Lane { get; init; }
    public string? LaneWidth { get; init; }
    public string? Metres { get; init; }
    public string? ReferenceImage { get; init; }
}

/// <summary><c>/api/cameras</c>: cameras per crossing, their feeds and lane calibrations.</summary>
public static class CameraEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapCameraEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cameras").WithTags("Cameras");
        group.MapGet("/", async (string? crossing, CameraRepository cameras, CancellationToken ct) => TypedResults.Ok(await cameras.ListAsync(crossing, ct)))
            .WithSummary("Cameras, optionally of one crossing");
        group.MapGet("/{uid}/lane", async (string uid, CameraRepository cameras, CancellationToken ct) =>
                await cameras.GetLaneAsync(uid, ct) is { } lane ? Results.Ok(lane) : ApiResults.NotFound($"Camera '{uid}' has no lane."))
            .WithSummary("A camera's current lane calibration");
        group.MapPost("/", Save)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxBodyBytes))
            .Accepts<CameraInput>("application/json")
            .WithSummary("Add or update a camera (feedFormat none, snapshot, digitraffic or singapore)");
        group.MapPut("/{uid}/lane", SetLane)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxBodyBytes))
            .Accepts<LaneInput>("application/json")
            .WithSummary("Calibrate a camera: its lane from the gate outward, widths, distances, reference image");
        return group;
    }

    private static async Task<IResult> Save(HttpRequest request, Gazetteer gazetteer, CameraRepository cameras, TimeProvider time, CancellationToken cancellationToken)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<CameraInput>(request, MaxBodyBytes);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        if (input!.Crossing is not { } crossing || !gazetteer.Contains(crossing))
        {
            errors["crossing"] = ["A known crossing slug is required."];
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 120)
        {
            errors["name"] = ["A name of 1–120 characters is required."];
        }

        var format = input.FeedFormat ?? "none";
        if (!FeedFormats.All.Contains(format))
        {
            errors["feedFormat"] = [$"feedFormat must be one of {string.Join(", ", FeedFormats.All)}."];
        }

        if (format != "none" && (!Uri.TryCreate(input.FeedUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors["feedUrl"] = ["A feed needs an absolute http or https feedUrl."];
        }

        if (format is FeedFormats.Digitraffic or FeedFormats.Singapore && string.IsNullOrWhiteSpace(input.FeedKey))
        {
            errors["feedKey"] = ["Give the Digitraffic preset id or the Singapore camera id as feedKey."];
        }

        if (input.Direction is { } d && !ReadingNames.TryParseDirection(d, out _))
        {
            errors["direction"] = ["direction must be one of outbound, inbound, unknown."];
        }

        if (input.PollSeconds is < 5 or > 86_400)
        {
            errors["pollSeconds"] = ["pollSeconds must be between 5 and 86400."];
        }

        var uid = input.Uid ?? $"{input.Crossing}-{Guid.NewGuid().ToString("N")[..6]}";
        if (uid.Length > 64 || !uid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors["uid"] = ["uid may hold letters, digits, '-' and '_' (at most 64)."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var camera = new Camera(uid, input.Crossing!, input.Name!.Trim(), format, input.FeedUrl, input.FeedKey, input.Direction ?? "unknown",
            input.PollSeconds ?? 60, input.Enabled ?? true, input.Attribution);
        await cameras.SaveAsync(camera, time.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/api/cameras/{uid}/lane", camera);
    }

    private static async Task<IResult> SetLane(
        string uid, HttpRequest request, CameraRepository cameras, ImageRepository images, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<LaneInput>(request, MaxBodyBytes);
        if (error is not null)
        {
            return error;
        }

        if (await cameras.GetAsync(uid, cancellationToken) is null)
        {
            return ApiResults.NotFound($"There is no camera '{uid}'.");
        }

        var (lane, errors) = LaneStrings.Parse(input!.Lane, input.LaneWidth);
        var metres = BorderWatch.Vision.Queues.LaneProfile.ParseNumbers(input.Metres, out var metresError);
        if (metresError is not null)
        {
            errors["metres"] = [metresError];
        }

        // The lane is checked against the frame it will be used on: the reference, else the camera's newest frame.
        StoredImage? frame = null;
        if (input.ReferenceImage is { } referenceUid)
        {
            frame = await images.GetAsync(referenceUid, cancellationToken);
            if (frame is null)
            {
                errors["referenceImage"] = [$"There is no image '{referenceUid}'."];
            }
        }

        frame ??= (await images.ListByCameraAsync(uid, 1, cancellationToken)).FirstOrDefault();
        if (lane is not null && frame is not null)
        {
            var problems = new BorderWatch.Vision.Queues.LaneProfile(lane.Points, lane.Widths, metres).Validate(frame.Width, frame.Height);
            if (problems.Count > 0)
            {
                errors["lane"] = [.. problems];
            }
        }
        else if (lane is not null)
        {
            errors["lane"] = ["The camera has no frame yet to check the lane against; send a referenceImage or wait for the first frame."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        await cameras.SetLaneAsync(new StoredLane(uid, lane!.FormatPoints(), lane.FormatWidths(), input.Metres, frame!.Width, frame.Height,
            input.ReferenceImage, time.GetUtcNow(), user.ActorName()), cancellationToken);
        return TypedResults.Ok(await cameras.GetLaneAsync(uid, cancellationToken));
    }
}
