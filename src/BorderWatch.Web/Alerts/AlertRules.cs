using BorderWatch.Core.Estimates;
using BorderWatch.Data.Alerts;

namespace BorderWatch.Web.Alerts;

/// <summary>When an estimate breaks a threshold, and when a broken limit is armed again.</summary>
public static class AlertRules
{
    public const string WaitHours = "waitHours";
    public const string QueueKm = "queueKm";
    public const string Vehicles = "vehicles";

    /// <summary>
    /// A limit that fired fires again only after the value fell below this share of it, so a queue wobbling around
    /// the limit does not raise an alert with every reading.
    /// </summary>
    public const double RearmBelow = 0.9;

    /// <summary>The limits of <paramref name="threshold"/> that <paramref name="estimate"/> is above (fresh estimates only).</summary>
    public static IEnumerable<(string Quantity, double Value, double Limit)> Broken(AlertThreshold threshold, CrossingEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(estimate);
        if (!estimate.HasData || estimate.IsStale)
        {
            yield break;
        }

        foreach (var (quantity, value, limit) in Pairs(threshold, estimate))
        {
            if (value is { } v && limit is { } l && v > l)
            {
                yield return (quantity, v, l);
            }
        }
    }

    /// <summary>True when a limit that fired may fire again: the value fell clearly below it, or went stale.</summary>
    public static bool Rearms(AlertThreshold threshold, CrossingEstimate estimate, string quantity)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(estimate);
        if (!estimate.HasData || estimate.IsStale)
        {
            return true;
        }

        var (_, value, limit) = Pairs(threshold, estimate).First(p => p.Quantity == quantity);
        return limit is null || value is null || value < limit * RearmBelow;
    }

    private static IEnumerable<(string Quantity, double? Value, double? Limit)> Pairs(AlertThreshold threshold, CrossingEstimate estimate) =>
    [
        (WaitHours, estimate.WaitHours, threshold.MaxWaitHours),
        (QueueKm, estimate.QueueKm, threshold.MaxQueueKm),
        (Vehicles, estimate.Vehicles, threshold.MaxVehicles),
    ];
}
