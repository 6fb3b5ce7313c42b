using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// What an embedded widget shows of a crossing's estimate: the numbers, their age and how sure they are. It leaves out
/// the reading ids and per-direction detail of <see cref="CrossingEstimate"/>, so the message every embed viewer
/// receives stays around 250 bytes.
/// </summary>
public sealed record EmbedEstimate(
    string Crossing,
    DateTimeOffset? AsOf,
    Direction Direction,
    double? QueueKm,
    double? Vehicles,
    double? WaitHours,
    IReadOnlyList<string> Derived,
    double Confidence,
    Trend Trend,
    bool IsStale,
    bool IsDemo)
{
    public static EmbedEstimate From(CrossingEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return new(estimate.Crossing, estimate.AsOf, estimate.Direction, Round(estimate.QueueKm, 2), Round(estimate.Vehicles, 0),
            Round(estimate.WaitHours, 2), estimate.Derived, Math.Round(estimate.Confidence, 2), estimate.Trend, estimate.IsStale, estimate.IsDemo);
    }

    // A widget shows at most one decimal; sending 17 digits would only cost bytes on every viewer's connection.
    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}

/// <summary>A crossing card: the current estimate and the queue over the day before it, for the sparkline.</summary>
/// <param name="Estimate">The current estimate.</param>
/// <param name="Spark">Hourly points <c>[unix ms, vehicles]</c> of the fused estimate over the 24 h up to the newest reading.</param>
public sealed record EmbedCard(EmbedEstimate Estimate, IReadOnlyList<long[]> Spark);

/// <summary>One crossing on the map widget.</summary>
public sealed record EmbedMapCrossing(string Slug, string Name, double Latitude, double Longitude, EmbedEstimate Estimate);
