using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BorderWatch.Web.Tests.Cameras;

/// <summary>
/// A camera publisher on 127.0.0.1 that the test starts: a Digitraffic-style station document and preset JPEG, a
/// Singapore-style traffic-images list and JPEG, and a plain snapshot URL with ETag / Last-Modified support. The
/// payloads follow the published formats; the test sets the frame and timestamps.
/// </summary>
internal sealed class CameraFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public CameraFeedServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Path}|{context.Request.Headers.IfNoneMatch}|{context.Request.Headers["Digitraffic-User"]}");
            await next();
        });
        _app.MapGet("/api/weathercam/v1/stations/C01503", (HttpContext context) => Json(context, DigitrafficStation()));
        _app.MapGet("/C0150301.jpg", () => Results.Bytes(Frame, "image/jpeg"));
        _app.MapGet("/v1/transport/traffic-images", (HttpContext context) => Json(context, SingaporeList()));
        _app.MapGet("/sg/{name}.jpg", () => Results.Bytes(Frame, "image/jpeg"));
        _app.MapGet("/snapshot.jpg", (HttpContext context) =>
        {
            var etag = $"\"{Frame.Length.ToString(CultureInfo.InvariantCulture)}-{FrameVersion.ToString(CultureInfo.InvariantCulture)}\"";
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = FrameTime.ToString("R", CultureInfo.InvariantCulture);
            return Results.Bytes(Frame, "image/jpeg");
        });
        _app.MapGet("/broken.jpg", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public Uri Address { get; }

    /// <summary>The JPEG every image URL serves now.</summary>
    public byte[] Frame { get; set; } = [];

    /// <summary>Changes the frame's ETag, URL and timestamp: a new picture.</summary>
    public int FrameVersion { get; set; } = 1;

    public DateTimeOffset FrameTime { get; set; } = DateTimeOffset.UtcNow.AddMinutes(-2);

    public ConcurrentQueue<string> Requests { get; } = new();

    private string Stamp => FrameTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private object DigitrafficStation() => new
    {
        type = "Feature",
        id = "C01503",
        geometry = new { type = "Point", coordinates = new[] { 27.73, 60.58, 0.0 } },
        properties = new
        {
            id = "C01503",
            name = "vt7_Vaalimaa",
            collectionStatus = "GATHERING",
            dataUpdatedTime = Stamp,
            presets = new object[]
            {
                new { id = "C0150301", presentationName = "Venäjälle", inCollection = true, resolution = "1280x720", directionCode = "1", imageUrl = new Uri(Address, "C0150301.jpg").ToString(), measuredTime = Stamp },
                new { id = "C0150302", presentationName = "Suomeen", inCollection = true, resolution = "1280x720", directionCode = "2", imageUrl = new Uri(Address, "C0150302.jpg").ToString(), measuredTime = Stamp },
            },
        },
    };

    private object SingaporeList() => new
    {
        items = new[]
        {
            new
            {
                timestamp = Stamp,
                cameras = new object[]
                {
                    new { timestamp = Stamp, image = $"/sg/2701-{FrameVersion}.jpg", location = new { latitude = 1.447023, longitude = 103.773102 }, camera_id = "2701", image_metadata = new { height = 540, width = 960, md5 = "x" } },
                    new { timestamp = Stamp, image = $"/sg/4703-{FrameVersion}.jpg", location = new { latitude = 1.348, longitude = 103.636 }, camera_id = "4703", image_metadata = new { height = 540, width = 960, md5 = "y" } },
                },
            },
        },
        api_info = new { status = "healthy" },
    };

    private static IResult Json(HttpContext context, object value) => Results.Json(value);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
