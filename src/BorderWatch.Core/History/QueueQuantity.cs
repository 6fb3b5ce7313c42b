using BorderWatch.Core.Crossings;

namespace BorderWatch.Core.History;

/// <summary>The three ways a queue is measured.</summary>
public enum QueueQuantity
{
    QueueKm,
    Vehicles,
    WaitHours,
}

/// <summary>
/// Expresses what a reading reported as any of the three quantities, with the same conversions fusion uses
/// (docs/estimates.md): vehicles = km × 1000 / spacing, km = vehicles × spacing / 1000, wait = vehicles / rate.
/// </summary>
public static class QueueQuantities
{
    /// <summary>The value of <paramref name="quantity"/>, reported or derived; null when nothing was reported.</summary>
    public static double? Value(Crossing crossing, QueueQuantity quantity, double? queueKm, double? vehicles, double? waitHours)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        var reported = quantity switch
        {
            QueueQuantity.QueueKm => queueKm,
            QueueQuantity.Vehicles => vehicles,
            QueueQuantity.WaitHours => waitHours,
            _ => throw new ArgumentOutOfRangeException(nameof(quantity)),
        };
        if (reported is not null)
        {
            return reported;
        }

        var v = vehicles
            ?? (queueKm * 1000 / crossing.VehicleSpacingM)
            ?? (waitHours * crossing.ProcessingRatePerHour);
        return quantity switch
        {
            QueueQuantity.QueueKm => v * crossing.VehicleSpacingM / 1000,
            QueueQuantity.Vehicles => v,
            _ => v / crossing.ProcessingRatePerHour,
        };
    }

    /// <summary>Whether <paramref name="quantity"/> was reported rather than derived.</summary>
    public static bool IsReported(QueueQuantity quantity, double? queueKm, double? vehicles, double? waitHours) => quantity switch
    {
        QueueQuantity.QueueKm => queueKm is not null,
        QueueQuantity.Vehicles => vehicles is not null,
        _ => waitHours is not null,
    };
}
