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

    /// <summary>Rendered once on the server for the live page, whose script then sorts, filters and updates the rows.</summary>
    [Parameter]
    public bool Static { get; set; }

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

    private string RowClass(PanelRow row) => PanelRowMarkup.Css(row, row.Crossing.Slug == Selected);

    private MarkupString RowContent(PanelRow row) => new(PanelRowMarkup.Inner(row, Now));

    private static string Number(double? value) => value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
