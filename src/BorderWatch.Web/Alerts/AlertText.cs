using BorderWatch.Data.Alerts;
using BorderWatch.Web.Components;

namespace BorderWatch.Web.Alerts;

/// <summary>How an alert and a threshold read on screen.</summary>
public static class AlertText
{
    /// <summary>"wait 14 h, above the limit of 12 h".</summary>
    public static string Describe(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return $"{Quantity(alert.Quantity)} {Value(alert.Quantity, alert.Value)}, above the limit of {Value(alert.Quantity, alert.Threshold)}";
    }

    public static string Quantity(string quantity) => quantity switch
    {
        AlertRules.WaitHours => "wait",
        AlertRules.QueueKm => "queue",
        AlertRules.Vehicles => "vehicles",
        _ => quantity,
    };

    public static string Value(string quantity, double? value) => quantity switch
    {
        AlertRules.WaitHours => Format.Hours(value),
        AlertRules.QueueKm => Format.Km(value),
        _ => Format.Vehicles(value),
    };
}
