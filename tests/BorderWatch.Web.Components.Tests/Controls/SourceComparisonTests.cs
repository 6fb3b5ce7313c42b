using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Web.Components.Controls;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Controls;

public sealed class SourceComparisonTests
{
    private static Reading Reading(long id, double km, string type, string name) => new()
    {
        Id = id,
        Crossing = "vaalimaa",
        ObservedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        ReceivedAt = DateTimeOffset.UtcNow,
        Kind = type == "official" ? ReadingKind.Feed : ReadingKind.Report,
        QueueKm = km,
        Confidence = 0.9,
        Source = new Provenance(name, null, type),
    };

    private static IRenderedComponent<SourceComparison> Render(ComponentTestContext test, params Reading[] readings)
    {
        var estimate = test.Estimates.Apply(readings).Single();
        return test.Context.Render<SourceComparison>(p => p
            .Add(c => c.Crossing, Gazetteer.Default.Find("vaalimaa")!)
            .Add(c => c.Readings, readings)
            .Add(c => c.Estimate, estimate)
            .Add(c => c.Now, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Render_ViralPostAgainstBorderGuard_SideBySideWithTheRepostSetAside()
    {
        await using var test = new ComponentTestContext();

        var comparison = Render(test, Reading(1, 0.5, "official", "Finnish Border Guard"), Reading(2, 35, "crowd", "Viral repost"));

        Assert.Contains("Sources disagree on the queue length", comparison.Markup, StringComparison.Ordinal);
        var official = comparison.Find("[data-testid=comparison-1]");
        var viral = comparison.Find("[data-testid=comparison-2]");
        Assert.Contains("500", official.TextContent, StringComparison.Ordinal);
        Assert.Contains("100%", official.TextContent, StringComparison.Ordinal);
        Assert.Contains("set aside", viral.TextContent, StringComparison.Ordinal);
        Assert.Contains("5 min ago", viral.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SourcesAgree_NothingShown()
    {
        await using var test = new ComponentTestContext();

        var comparison = Render(test, Reading(1, 0.5, "official", "Border Guard"), Reading(2, 0.6, "crowd", "Driver"));

        Assert.Empty(comparison.FindAll("[data-testid=source-comparison]"));
    }
}
