using System.Globalization;
using BorderWatch.Core.Estimates;
using BorderWatch.Web.Components;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// The numbers of a widget in the reader's language and units: the server's first render. The script formats live
/// updates by the same rules (wwwroot/embed/embed.js), with the browser's Intl in place of .NET cultures.
/// </summary>
public sealed class EmbedFormat(EmbedText text, EmbedUnits units)
{
    public const double KmPerMile = 1.609344;

    private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(text.Lang);

    public string Length(double? km)
    {
        if (km is not { } value)
        {
            return "–";
        }

        if (units == EmbedUnits.Imperial)
        {
            var miles = value / KmPerMile;
            return string.Format(_culture, text.Mi, Number(miles, miles < 10 ? 1 : 0));
        }

        return value < 1
            ? string.Format(_culture, text.M, Number(Math.Round(value * 100) * 10, 0))
            : string.Format(_culture, text.Km, Number(value, value < 10 ? 1 : 0));
    }

    public string Vehicles(double? vehicles) => vehicles is { } v ? Number(v, 0) : "–";

    public string Hours(double? hours) => hours switch
    {
        null => "–",
        < 1 => string.Format(_culture, text.Minutes, Number(hours.Value * 60, 0)),
        < 10 => string.Format(_culture, text.Hours, Number(hours.Value, 1)),
        _ => string.Format(_culture, text.Hours, Number(hours.Value, 0)),
    };

    public string Percent(double fraction) => string.Format(_culture, text.Confidence, Number(fraction * 100, 0) + "%");

    public string Trend(Trend trend) => trend switch
    {
        Core.Estimates.Trend.Rising => "↑ " + text.Rising,
        Core.Estimates.Trend.Falling => "↓ " + text.Falling,
        Core.Estimates.Trend.Steady => "→ " + text.Steady,
        _ => "",
    };

    /// <summary>The reading time before the script turns it into "4 minutes ago".</summary>
    public string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>CSS name of the severity by waiting time (<see cref="Format.SeverityOf(double?)"/>).</summary>
    public static string Severity(double? waitHours) => Format.SeverityOf(waitHours).ToString().ToLowerInvariant();

    private string Number(double value, int decimals) =>
        value.ToString(decimals == 0 ? "#,0" : "#,0.#", _culture);
}
