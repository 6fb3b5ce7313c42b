using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;

namespace BorderWatch.Web.Components.Pages.Map;

/// <summary>
/// One crossing in the side panel: its place in the gazetteer, the crossing and the estimate shown for it (live or
/// replayed). A struct over shared objects: every open dashboard holds one per crossing.
/// </summary>
public readonly record struct PanelRow(int Index, Crossing Crossing, CrossingEstimate Estimate)
{
    public Severity Severity => Format.SeverityOf(Estimate);

    public string Pair => CountryPair.Of(Crossing);

    public bool IsFresh => Estimate.HasData && !Estimate.IsStale;
}

/// <summary>How the side panel orders crossings.</summary>
public enum PanelSort
{
    Wait,
    Queue,
}

/// <summary>The side panel's sorting and filtering, apart from its markup so it can be tested alone.</summary>
public static class PanelQuery
{
    /// <summary>
    /// Filters by country pair (null: all) and severity (empty: all), then sorts: fresh estimates first, longest
    /// first; then stale ones, longest first; crossings without readings last, by name.
    /// </summary>
    public static List<PanelRow> Apply(IEnumerable<PanelRow> rows, PanelSort sort, string? pair, IReadOnlySet<Severity> severities)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(severities);
        return [.. rows
            .Where(r => pair is null || r.Pair == pair)
            .Where(r => severities.Count == 0 || severities.Contains(r.Severity))
            .OrderBy(PanelRowMarkup.Rank)
            .ThenByDescending(r => sort == PanelSort.Wait ? r.Estimate.WaitHours ?? -1 : r.Estimate.QueueKm ?? -1)
            .ThenBy(r => r.Crossing.Name, StringComparer.CurrentCulture)];
    }
}

/// <summary>Names of severities on the map, its legend and the side panel.</summary>
public static class SeverityNames
{
    /// <summary>From the worst down, as legends and filters list them.</summary>
    public static IReadOnlyList<Severity> WorstFirst { get; } = [Severity.Extreme, Severity.High, Severity.Moderate, Severity.Low, Severity.Unknown];

    /// <summary>The CSS suffix: <c>bw-sev-high</c>.</summary>
    public static string Css(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>What a severity means, in waiting time (see <see cref="Format.SeverityOf(double?)"/>).</summary>
    public static string Word(Severity severity) => severity switch
    {
        Severity.Extreme => "over 24 h",
        Severity.High => "6–24 h",
        Severity.Moderate => "1–6 h",
        Severity.Low => "under 1 h",
        _ => "no data",
    };
}
