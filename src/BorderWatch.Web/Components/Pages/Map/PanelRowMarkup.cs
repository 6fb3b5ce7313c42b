using System.Text;
using System.Text.Encodings.Web;

namespace BorderWatch.Web.Components.Pages.Map;

/// <summary>
/// A side-panel row's markup, shared by the server's rendering (the replay's panel, the live page's first paint) and
/// the live page's script, which receives it in <see cref="Dashboard.DashboardRow"/>: one wording, one place.
/// </summary>
public static class PanelRowMarkup
{
    /// <summary>
    /// The row's inside as one piece of markup (a few render-tree frames per row instead of some forty). Every text is
    /// HTML-encoded. The age carries its time (<c>data-as-of</c>, unix ms) so the live page can move it on.
    /// </summary>
    public static string Inner(PanelRow row, DateTimeOffset now)
    {
        var slug = Encode(row.Crossing.Slug);
        var severity = SeverityNames.Css(row.Severity);
        var stale = row.Estimate.HasData && row.Estimate.IsStale;
        var html = new StringBuilder(600)
            .Append("<span class=\"bw-dot bw-sev-").Append(severity).Append(row.Estimate.IsStale ? " bw-stale" : "").Append("\"></span>")
            .Append("<span class=\"bw-row-main\"><span class=\"bw-row-name\" dir=\"auto\">").Append(Encode(row.Crossing.Name)).Append("</span>")
            .Append("<span class=\"bw-row-sub\">").Append(Encode(row.Pair)).Append(" · <span class=\"bw-row-age\"");
        if (row.Estimate.AsOf is { } asOf)
        {
            html.Append(" data-as-of=\"").Append(asOf.ToUnixTimeMilliseconds()).Append('"');
        }

        return html.Append('>').Append(Encode(Format.Age(row.Estimate.AsOf, now))).Append("</span>").Append(stale ? " · stale" : "").Append("</span></span>")
            .Append("<span class=\"bw-row-figures\"><span class=\"bw-severity bw-severity-").Append(severity).Append("\" data-testid=\"panel-wait-").Append(slug).Append("\">")
            .Append(Encode(Format.Hours(row.Estimate.WaitHours) + Format.TrendArrow(row.Estimate.Trend))).Append("</span>")
            .Append("<span data-testid=\"panel-queue-").Append(slug).Append("\">").Append(Encode(Format.Km(row.Estimate.QueueKm))).Append("</span></span>")
            .ToString();
    }

    /// <summary>The row button's classes.</summary>
    public static string Css(PanelRow row, bool selected) =>
        selected ? "bw-panel-row bw-selected"
        : row.Estimate.HasData && row.Estimate.IsStale ? "bw-panel-row bw-row-stale"
        : "bw-panel-row";

    /// <summary>The first sort key of <see cref="PanelQuery"/>: fresh estimates, then stale ones, then crossings without readings.</summary>
    public static int Rank(PanelRow row) => row.IsFresh ? 0 : row.Estimate.HasData ? 1 : 2;

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
