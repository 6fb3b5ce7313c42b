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
        if (!ReferenceEquals(_applied, Rows))
        {
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
}
