using System.Runtime.CompilerServices;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;

namespace BorderWatch.Web.Components.Pages.Map;

/// <summary>
/// What the map script needs to draw one crossing: position, severity, staleness and the popup's figures, already
/// formatted the way every other view formats them. Sent as JSON through JS interop (camelCase).
/// </summary>
public sealed record MapMarker(
    string Slug,
    string Name,
    double Lat,
    double Lon,
    string Countries,
    string Severity,
    bool Stale,
    bool HasData,
    string Queue,
    string Vehicles,
    string Wait,
    string Trend,
    long? AsOf,
    string Confidence,
    bool Demo)
{
    public static MapMarker From(Crossing crossing, CrossingEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(estimate);
        return new MapMarker(
            crossing.Slug,
            crossing.Name,
            crossing.Latitude,
            crossing.Longitude,
            CountryPair.Of(crossing),
            Format.SeverityOf(estimate).ToString().ToLowerInvariant(),
            estimate.HasData && estimate.IsStale,
            estimate.HasData,
            Format.Km(estimate.QueueKm),
            Format.Vehicles(estimate.Vehicles),
            Format.Hours(estimate.WaitHours),
            estimate.HasData ? $"{Format.TrendArrow(estimate.Trend)} {Format.TrendWord(estimate.Trend)}".Trim() : "",
            estimate.AsOf?.ToUnixTimeMilliseconds(),
            estimate.HasData ? Format.Confidence(estimate.Confidence) : "",
            estimate.IsDemo);
    }

}

/// <summary>Crossings are filtered by their pair of countries, whichever side the slug names.</summary>
public static class CountryPair
{
    // One string per crossing for the whole server, not one per dashboard and render.
    private static readonly ConditionalWeakTable<Crossing, string> Pairs = [];

    /// <summary>"FI–RU": the two ISO codes in alphabetical order, so both sides of a border form one pair.</summary>
    public static string Of(Crossing crossing)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        return Pairs.GetValue(crossing, c =>
        {
            var (a, b) = (c.Countries[0], c.Countries[1]);
            return string.CompareOrdinal(a, b) <= 0 ? $"{a}–{b}" : $"{b}–{a}";
        });
    }
}

/// <summary>
/// Markers as JSON, by source generation. Blazor's JS interop would otherwise build reflection-based serializer
/// metadata for <see cref="MapMarker"/> inside every circuit (each circuit has its own serializer options): tens of
/// kilobytes per open dashboard, for nothing.
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<MapMarker>))]
internal sealed partial class MapMarkerJson : System.Text.Json.Serialization.JsonSerializerContext
{
    public static string Serialize(IReadOnlyList<MapMarker> markers) =>
        System.Text.Json.JsonSerializer.Serialize(markers, Default.IReadOnlyListMapMarker);
}
