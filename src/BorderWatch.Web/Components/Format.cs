using System.Globalization;
using BorderWatch.Core.Estimates;

namespace BorderWatch.Web.Components;

/// <summary>How numbers, ages and confidence read on screen: short, honest about uncertainty, culture-invariant.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Km(double? km) => km switch
    {
        null => "–",
        < 1 => string.Format(Invariant, "{0:0}\u00a0m", km.Value * 1000),
        < 10 => string.Format(Invariant, "{0:0.0}\u00a0km", km.Value),
        _ => string.Format(Invariant, "{0:0}\u00a0km", km.Value),
    };

    public static string Vehicles(double? vehicles) => vehicles switch
    {
        null => "–",
        _ => string.Format(Invariant, "{0:#,0}", Math.Round(vehicles.Value)),
    };

    public static string Hours(double? hours) => hours switch
    {
        null => "–",
        < 1 => string.Format(Invariant, "{0:0}\u00a0min", hours.Value * 60),
        < 10 => string.Format(Invariant, "{0:0.#}\u00a0h", hours.Value),
        _ => string.Format(Invariant, "{0:0}\u00a0h", hours.Value),
    };

    public static string Confidence(double confidence) => string.Format(Invariant, "{0:0}%", confidence * 100);

    /// <summary>"just now", "4 min", "3 h", "2 d", "4 y" ago.</summary>
    public static string Age(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } t)
        {
            return "no data";
        }

        var age = now - t;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)age.TotalMinutes} min ago",
            < 60 * 48 => $"{(int)age.TotalHours} h ago",
            < 60 * 24 * 365 => $"{(int)age.TotalDays} d ago",
            _ => $"{(int)(age.TotalDays / 365.25)} y ago",
        };
    }

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    public static string TrendArrow(Trend trend) => trend switch
    {
        Trend.Rising => "↑",
        Trend.Falling => "↓",
        Trend.Steady => "→",
        _ => "",
    };

    public static string TrendWord(Trend trend) => trend switch
    {
        Trend.Rising => "rising",
        Trend.Falling => "falling",
        Trend.Steady => "steady",
        _ => "trend unknown",
    };

    /// <summary>Severity by waiting time: what decides whether people should choose another crossing.</summary>
    public static Severity SeverityOf(CrossingEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return SeverityOf(estimate.WaitHours);
    }

    /// <summary>Waiting hours at which severity turns moderate, high and extreme (the embed script uses them too).</summary>
    public static IReadOnlyList<double> SeverityHours { get; } = [1, 6, 24];

    public static Severity SeverityOf(double? waitHours) => waitHours switch
    {
        null => Severity.Unknown,
        var h when h < SeverityHours[0] => Severity.Low,
        var h when h < SeverityHours[1] => Severity.Moderate,
        var h when h < SeverityHours[2] => Severity.High,
        _ => Severity.Extreme,
    };
}

public enum Severity
{
    Unknown,
    Low,
    Moderate,
    High,
    Extreme,
}
