using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Web.Components;
using BorderWatch.Web.Components.Pages.Map;

namespace BorderWatch.Web.Tests.Dashboard;

public sealed class PanelQueryTests
{
    private static readonly DateTimeOffset Now = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);

    private static PanelRow Row(string slug, double? wait = null, double? km = null, bool stale = false) =>
        new(0, Gazetteer.Default.Find(slug)!, wait is null && km is null
            ? CrossingEstimate.Empty(slug, Now)
            : new CrossingEstimate { Crossing = slug, ComputedAt = Now, AsOf = Now, WaitHours = wait, QueueKm = km, IsStale = stale });

    private static readonly PanelRow[] Rows =
    [
        Row("vaalimaa", wait: 2, km: 0.5),
        Row("nuijamaa", wait: 30, km: 0.2, stale: true),
        Row("upper-lars", wait: 48, km: 14),
        Row("narva"),
        Row("kyakhta", wait: 1.5, km: 2.6),
    ];

    [Fact]
    public void Apply_ByWait_FreshLongestFirstThenStaleThenNoData() =>
        Assert.Equal(["upper-lars", "vaalimaa", "kyakhta", "nuijamaa", "narva"], Slugs(PanelQuery.Apply(Rows, PanelSort.Wait, null, new HashSet<Severity>())));

    [Fact]
    public void Apply_ByQueue_LongestQueueFirst() =>
        Assert.Equal(["upper-lars", "kyakhta", "vaalimaa", "nuijamaa", "narva"], Slugs(PanelQuery.Apply(Rows, PanelSort.Queue, null, new HashSet<Severity>())));

    [Fact]
    public void Apply_CountryPairEitherOrder_MatchesBothSides()
    {
        var pair = CountryPair.Of(Gazetteer.Default.Find("vaalimaa")!);

        Assert.Equal("FI–RU", pair);
        Assert.Equal(["vaalimaa", "nuijamaa"], Slugs(PanelQuery.Apply(Rows, PanelSort.Wait, pair, new HashSet<Severity>())));
    }

    [Fact]
    public void Apply_SeverityFilter_KeepsOnlyThoseSeverities() =>
        Assert.Equal(["upper-lars", "nuijamaa", "narva"],
            Slugs(PanelQuery.Apply(Rows, PanelSort.Wait, null, new HashSet<Severity> { Severity.Extreme, Severity.Unknown })));

    [Fact]
    public void MapMarker_StaleEstimate_GreyFlagAndSeverityKept()
    {
        var marker = MapMarker.From(Gazetteer.Default.Find("nuijamaa")!, Rows[1].Estimate);

        Assert.Equal(("extreme", true, true), (marker.Severity, marker.Stale, marker.HasData));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), marker.AsOf);
    }

    [Fact]
    public void MapMarkerJson_NameWithMarkup_CannotCloseThePagesScriptElement()
    {
        // The live page writes the markers into a <script type="application/json"> element; a name from an operator's
        // gazetteer file must not be able to end that element and inject markup.
        var crossing = Gazetteer.Default.Find("narva")! with { Name = "Narva </script><img src=x onerror=alert(1)>" };

        var json = MapMarkerJson.Serialize([MapMarker.From(crossing, Rows[0].Estimate)]);

        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.Equal(crossing.Name, System.Text.Json.JsonDocument.Parse(json).RootElement[0].GetProperty("name").GetString());
    }

    private static string[] Slugs(IEnumerable<PanelRow> rows) => [.. rows.Select(r => r.Crossing.Slug)];
}
