using System.Globalization;
using System.Text;

namespace BorderWatch.Web.Embeds;

/// <summary>Colour scheme of a widget; <see cref="Auto"/> follows the reader's system setting.</summary>
public enum EmbedTheme
{
    Auto,
    Light,
    Dark,
}

/// <summary>Units of length.</summary>
public enum EmbedUnits
{
    Metric,
    Imperial,
}

/// <summary>How much a card shows: <see cref="Full"/> adds the sparkline, trend and confidence.</summary>
public enum EmbedLayout
{
    Full,
    Compact,
}

/// <summary>The query-string options every widget understands: <c>theme</c>, <c>lang</c>, <c>units</c>, <c>layout</c>, <c>height</c>.</summary>
public sealed record EmbedQuery(EmbedTheme Theme, EmbedText Text, EmbedUnits Units, EmbedLayout Layout, int? Height)
{
    public const int MinHeight = 80;
    public const int MaxHeight = 1200;

    public static EmbedQuery Default { get; } = new(EmbedTheme.Auto, EmbedText.English, EmbedUnits.Metric, EmbedLayout.Full, null);

    /// <summary>The card's natural height in CSS pixels, which the iframe snippet and oEmbed advertise.</summary>
    public int CardHeight => Height ?? (Layout == EmbedLayout.Compact ? 132 : 200);

    /// <summary>Reads the options, adding a message per bad field to <paramref name="errors"/>.</summary>
    public static EmbedQuery Parse(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        var theme = Choice(query, "theme", EmbedTheme.Auto, errors);
        var units = Choice(query, "units", EmbedUnits.Metric, errors);
        var layout = Choice(query, "layout", EmbedLayout.Full, errors);

        var text = EmbedText.English;
        if (query["lang"].ToString() is { Length: > 0 } lang)
        {
            // "ru-RU" or "pt_BR" pick their language; regional words are not needed for a dozen labels.
            var primary = lang.Split('-', '_')[0].ToLowerInvariant();
            if (!EmbedText.All.TryGetValue(primary, out text!))
            {
                text = EmbedText.English;
                errors["lang"] = [$"lang must be one of {string.Join(", ", EmbedText.All.Keys.Order())}."];
            }
        }

        int? height = null;
        if (query["height"].ToString() is { Length: > 0 } h)
        {
            if (int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= MinHeight and <= MaxHeight)
            {
                height = value;
            }
            else
            {
                errors["height"] = [$"height must be a whole number of pixels from {MinHeight} to {MaxHeight}."];
            }
        }

        return new EmbedQuery(theme, text, units, layout, height);
    }

    /// <summary>The query string that reproduces these options, leaving defaults out (shorter snippets, fewer cache keys).</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        if (Theme != EmbedTheme.Auto)
        {
            parts.Add("theme=" + Name(Theme));
        }

        if (Text.Lang != "en")
        {
            parts.Add("lang=" + Text.Lang);
        }

        if (Units != EmbedUnits.Metric)
        {
            parts.Add("units=" + Name(Units));
        }

        if (Layout != EmbedLayout.Full)
        {
            parts.Add("layout=" + Name(Layout));
        }

        if (Height is { } height)
        {
            parts.Add("height=" + height.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Choice<T>(IQueryCollection query, string field, T fallback, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        var text = query[field].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Name(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var names = new StringBuilder();
        foreach (var value in Enum.GetValues<T>())
        {
            names.Append(names.Length == 0 ? "" : ", ").Append(Name(value));
        }

        errors[field] = [$"{field} must be one of {names}."];
        return fallback;
    }
}
