using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Pages.Map;

/// <summary>The map's side panel. Its filters are its own; the page gives it the rows (live or replayed).</summary>
public sealed partial class CrossingPanel
{
    private readonly HashSet<Severity> _severities = [];
    private List<PanelRow> _visible = [];
    private string[] _pairs = [];
    private PanelSort _sort = PanelSort.Wait;
    private string _pair = "";
    private IReadOnlyList<PanelRow>? _applied;
    private string? _appliedSelection;

    [Parameter, EditorRequired]
    public IReadOnlyList<PanelRow> Rows { get; set; } = [];

    [Parameter]
    public DateTimeOffset Now { get; set; }

    [Parameter]
    public string? Selected { get; set; }

    [Parameter]
    public EventCallback<string> OnSelect { get; set; }

    protected override void OnParametersSet()
    {
        // Virtualize redraws its rows only when given another list: a new selection needs one too.
        if (!ReferenceEquals(_applied, Rows) || _appliedSelection != Selected)
        {
            _appliedSelection = Selected;
            if (_pairs.Length == 0 || _applied?.Count != Rows.Count)
            {
                _pairs = [.. Rows.Select(r => r.Pair).Distinct().Order(StringComparer.Ordinal)];
            }

            Apply();
        }
    }

    private void Apply()
    {
        _applied = Rows;
        _visible = PanelQuery.Apply(Rows, _sort, _pair.Length == 0 ? null : _pair, _severities);
    }

    private void Toggle(Severity severity, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            _severities.Add(severity);
        }
        else
        {
            _severities.Remove(severity);
        }

        Apply();
    }

    private string RowClass(PanelRow row) =>
        row.Crossing.Slug == Selected ? "bw-panel-row bw-selected"
        : row.Estimate.HasData && row.Estimate.IsStale ? "bw-panel-row bw-row-stale"
        : "bw-panel-row";

    /// <summary>
    /// A row's inside as one piece of markup: a few render-tree frames per row instead of some forty, which roughly
    /// halves what each open dashboard holds in server memory for its list. Every text is HTML-encoded.
    /// </summary>
    private MarkupString RowContent(PanelRow row)
    {
        var slug = Encode(row.Crossing.Slug);
        var severity = SeverityNames.Css(row.Severity);
        var stale = row.Estimate.HasData && row.Estimate.IsStale;
        var html = new StringBuilder(512)
            .Append("<span class=\"bw-dot bw-sev-").Append(severity).Append(row.Estimate.IsStale ? " bw-stale" : "").Append("\"></span>")
            .Append("<span class=\"bw-row-main\"><span class=\"bw-row-name\" dir=\"auto\">").Append(Encode(row.Crossing.Name)).Append("</span>")
            .Append("<span class=\"bw-row-sub\">").Append(Encode($"{row.Pair} · {Format.Age(row.Estimate.AsOf, Now)}{(stale ? " · stale" : "")}")).Append("</span></span>")
            .Append("<span class=\"bw-row-figures\"><span class=\"bw-severity bw-severity-").Append(severity).Append("\" data-testid=\"panel-wait-").Append(slug).Append("\">")
            .Append(Encode(Format.Hours(row.Estimate.WaitHours) + Format.TrendArrow(row.Estimate.Trend))).Append("</span>")
            .Append("<span data-testid=\"panel-queue-").Append(slug).Append("\">").Append(Encode(Format.Km(row.Estimate.QueueKm))).Append("</span></span>");
        return new MarkupString(html.ToString());
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
