using System.Globalization;
using System.Text.Json;

namespace BorderWatch.Web.Cameras;

/// <summary>Where a feed says the newest frame is.</summary>
/// <param name="ImageUrl">The JPEG to fetch.</param>
/// <param name="FrameKey">Identifies the frame: the same key means the same picture, so it is not analysed twice.</param>
/// <param name="ObservedAt">When the camera took it, if the feed says.</param>
public sealed record FeedFrame(Uri ImageUrl, string FrameKey, DateTimeOffset? ObservedAt);

/// <summary>Readers of the camera-list formats of public traffic-camera APIs.</summary>
public static class FeedFormats
{
    public const string Snapshot = "snapshot";
    public const string Digitraffic = "digitraffic";
    public const string Singapore = "singapore";

    public static readonly IReadOnlyList<string> All = ["none", Snapshot, Digitraffic, Singapore];

    /// <summary>
    /// Finland's Digitraffic weather cameras (CC BY 4.0): a station is a GeoJSON feature whose
    /// <c>properties.presets</c> list the camera's views, each with an <c>id</c>, an <c>imageUrl</c> and, in the
    /// station's data document, a <c>measuredTime</c>. The preset id is the camera's feed key.
    /// </summary>
    public static FeedFrame? ReadDigitraffic(JsonDocument document, string presetId, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.RootElement;
        var holder = root.TryGetProperty("properties", out var properties) ? properties : root;
        if (!holder.TryGetProperty("presets", out var presets) || presets.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The Digitraffic station has no 'presets'.");
        }

        foreach (var preset in presets.EnumerateArray())
        {
            if (preset.TryGetProperty("id", out var id) && id.GetString() == presetId)
            {
                // Stations without an imageUrl in this document publish the JPEG under the preset's id.
                var url = preset.TryGetProperty("imageUrl", out var u) && u.GetString() is { Length: > 0 } text
                    ? new Uri(baseUrl, text)
                    : new Uri(baseUrl, $"/{presetId}.jpg");
                var measured = Time(preset, "measuredTime") ?? Time(holder, "dataUpdatedTime");
                return new FeedFrame(url, $"{url}|{measured?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "?"}", measured);
            }
        }

        return null;
    }

    /// <summary>
    /// Singapore's traffic-images API (Singapore Open Data Licence): <c>items[0].cameras[]</c>, each with a
    /// <c>camera_id</c>, an <c>image</c> URL, a <c>timestamp</c> and a <c>location</c>; refreshed every minute.
    /// </summary>
    public static FeedFrame? ReadSingapore(JsonDocument document, string cameraId, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The traffic-images document has no 'items'.");
        }

        foreach (var item in items.EnumerateArray())
        {
            if (!item.TryGetProperty("cameras", out var cameras) || cameras.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var camera in cameras.EnumerateArray())
            {
                var id = camera.TryGetProperty("camera_id", out var cid) ? (cid.ValueKind == JsonValueKind.Number ? cid.GetRawText() : cid.GetString()) : null;
                if (id != cameraId || !camera.TryGetProperty("image", out var image) || image.GetString() is not { Length: > 0 } url)
                {
                    continue;
                }

                var taken = Time(camera, "timestamp") ?? Time(item, "timestamp");
                var imageUrl = new Uri(baseUrl, url);
                return new FeedFrame(imageUrl, $"{imageUrl}|{taken?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "?"}", taken);
            }
        }

        return null;
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
}
