using BorderWatch.Web.Embeds;

namespace BorderWatch.Web.Components.Pages.Widgets;

/// <summary>What the builder can make.</summary>
public enum WidgetKind
{
    Card,
    Map,
    Badge,
}

/// <summary>
/// The journalist's choices in the widget builder, and the URLs and snippets they lead to. Pure: the page shows it,
/// the tests check it.
/// </summary>
public sealed record WidgetSpec
{
    public WidgetKind Kind { get; init; } = WidgetKind.Card;
    public string Crossing { get; init; } = "upper-lars";
    public IReadOnlyList<string> MapCrossings { get; init; } = [];
    public EmbedTheme Theme { get; init; } = EmbedTheme.Auto;
    public string Lang { get; init; } = "en";
    public EmbedUnits Units { get; init; } = EmbedUnits.Metric;
    public EmbedLayout Layout { get; init; } = EmbedLayout.Full;
    public int? Height { get; init; }
    public BadgeMetric Metric { get; init; } = BadgeMetric.Wait;

    public EmbedQuery Options => new(Theme, EmbedText.All.GetValueOrDefault(Lang) ?? EmbedText.English, Units,
        Kind == WidgetKind.Card ? Layout : EmbedLayout.Full, Height);

    public int Width => Kind == WidgetKind.Map ? EmbedSnippets.DefaultMapWidth : EmbedSnippets.DefaultCardWidth;

    public int FrameHeight => Kind == WidgetKind.Map ? Height ?? EmbedSnippets.DefaultMapHeight : Options.CardHeight;

    /// <summary>The widget's path under the server, with its options, e.g. <c>/embed/crossing/upper-lars?lang=ar</c>.</summary>
    public string Path => Kind switch
    {
        WidgetKind.Map => "/embed/map" + MapQuery(),
        WidgetKind.Badge => $"/badge/{Crossing}.svg" + BadgeQuery(),
        _ => $"/embed/crossing/{Crossing}{Options.ToQuery()}",
    };

    public string Title(string crossingName) => Kind == WidgetKind.Map ? "Border queues · BorderWatch" : $"{crossingName} · BorderWatch";

    /// <summary>The iframe snippet (card and map), or an img tag (badge).</summary>
    public string IframeSnippet(string root, string crossingName) => Kind == WidgetKind.Badge
        ? $"""<a href="{root}/crossings/{Crossing}"><img src="{root}{Path}" alt="{System.Net.WebUtility.HtmlEncode(crossingName)}: BorderWatch status" height="20"></a>"""
        : EmbedSnippets.Iframe(root + Path, Title(crossingName), Width, FrameHeight);

    /// <summary>The script snippet (card and map), or Markdown (badge).</summary>
    public string ScriptSnippet(string root, string crossingName) => Kind == WidgetKind.Badge
        ? $"[![{crossingName}: BorderWatch status]({root}{Path})]({root}/crossings/{Crossing})"
        : EmbedSnippets.Script(root, Path["/embed/".Length..], Title(crossingName));

    public string OEmbedUrl(string root) => OEmbedEndpoints.DiscoveryUrl(root, root + Path);

    private string MapQuery()
    {
        var query = Options.ToQuery();
        if (MapCrossings.Count == 0)
        {
            return query;
        }

        var crossings = "crossings=" + string.Join(',', MapCrossings);
        return query.Length == 0 ? "?" + crossings : $"?{crossings}&{query[1..]}";
    }

    private string BadgeQuery()
    {
        var parts = new List<string>();
        if (Metric != BadgeMetric.Wait)
        {
            parts.Add("metric=" + EmbedQuery.Name(Metric));
        }

        if (Lang != "en")
        {
            parts.Add("lang=" + Lang);
        }

        if (Units != EmbedUnits.Metric)
        {
            parts.Add("units=" + EmbedQuery.Name(Units));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
