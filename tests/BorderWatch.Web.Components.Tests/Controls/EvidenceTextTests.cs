using BorderWatch.Core.Reports;
using BorderWatch.Web.Components.Controls;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Controls;

public sealed class EvidenceTextTests
{
    [Fact]
    public async Task Render_Spans_MarksThemAndKeepsTheRestOfTheText()
    {
        await using var test = new ComponentTestContext();

        var text = test.Context.Render<EvidenceText>(p => p
            .Add(c => c.Text, "Очередь на Верхнем Ларсе 5500 машин")
            .Add(c => c.Highlights, [new EvidenceSpan(11, 13, "crossing"), new EvidenceSpan(25, 10, "quantity")]));

        Assert.Equal("Очередь на Верхнем Ларсе 5500 машин", text.Find("[data-testid=evidence]").TextContent.Trim());
        Assert.Equal(["Верхнем Ларсе", "5500 машин"], text.FindAll("mark").Select(m => m.TextContent));
        Assert.Equal("auto", text.Find("[data-testid=evidence]").GetAttribute("dir"));
    }

    [Fact]
    public async Task Render_OverlappingOrOutOfRangeSpans_Ignored()
    {
        await using var test = new ComponentTestContext();

        var text = test.Context.Render<EvidenceText>(p => p
            .Add(c => c.Text, "queue 5 km")
            .Add(c => c.Highlights, [new EvidenceSpan(6, 4, "quantity"), new EvidenceSpan(7, 2, "crossing"), new EvidenceSpan(8, 50, "country")]));

        Assert.Equal("5 km", Assert.Single(text.FindAll("mark")).TextContent);
        Assert.Equal("queue 5 km", text.Find("[data-testid=evidence]").TextContent.Trim());
    }
}
