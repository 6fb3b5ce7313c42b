using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;

namespace BorderWatch.Web.Endpoints;

/// <summary>
/// A crossing with its current estimate, as the API returns it. <see cref="CoordinateVerified"/> is false where the
/// position is our own estimate and may be more than 200 m from the checkpoint (see docs/gazetteer.md).
/// </summary>
public sealed record CrossingView(
    string Slug,
    string Name,
    IReadOnlyList<string> Countries,
    double Latitude,
    double Longitude,
    bool CoordinateVerified,
    string TimeZone,
    string Region,
    IReadOnlyList<CrossingSide> Sides,
    IReadOnlyList<CrossingAlias> Aliases,
    double ProcessingRatePerHour,
    bool ProcessingRateIsDefault,
    double VehicleSpacingM,
    CrossingEstimate Estimate)
{
    public static CrossingView From(Crossing crossing, CrossingEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        return new(crossing.Slug, crossing.Name, crossing.Countries, crossing.Latitude, crossing.Longitude, crossing.CoordinateVerified, crossing.TimeZone,
            crossing.Region, crossing.Sides, crossing.Aliases, crossing.ProcessingRatePerHour, crossing.ProcessingRateIsDefault,
            crossing.VehicleSpacingM, estimate);
    }
}
