using BorderWatch.Web.Components.Pages.Widgets;
using BorderWatch.Web.Embeds;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Pages;

public class WidgetBuilderPageTests
{
    [Fact]
    public async Task Render_Default_PreviewsTheCardAndOffersBothSnippets()
    {
        await using var test = new ComponentTestContext();

        var page = test.Context.Render<WidgetBuilderPage>();

        Assert.Equal("/embed/crossing/upper-lars", page.Find("[data-testid=widget-preview] iframe").GetAttribute("src"));
        Assert.StartsWith("<iframe src=\"http://localhost/embed/crossing/upper-lars\"", page.Find("[data-testid=snippet-iframe]").TextContent, StringComparison.Ordinal);
        Assert.Contains("<script async src=\"http://localhost/embed/widget.js\"></script>", page.Find("[data-testid=snippet-script]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_MapWithCrossingsAndOptions_BuildsOneQueryString()
    {
        var spec = new WidgetSpec { Kind = WidgetKind.Map, MapCrossings = ["vaalimaa", "nuijamaa"], Lang = "fi", Theme = EmbedTheme.Dark };

        Assert.Equal("/embed/map?crossings=vaalimaa,nuijamaa&theme=dark&lang=fi", spec.Path);
        Assert.Equal(EmbedSnippets.DefaultMapHeight, spec.FrameHeight);
        Assert.Contains("data-borderwatch=\"map?crossings=vaalimaa,nuijamaa&amp;theme=dark&amp;lang=fi\"",
            spec.ScriptSnippet("https://bw.example", "x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_Badge_LinksTheImageToTheCrossingPage()
    {
        var spec = new WidgetSpec { Kind = WidgetKind.Badge, Crossing = "narva", Metric = BadgeMetric.Queue, Lang = "ru" };

        Assert.Equal("/badge/narva.svg?metric=queue&lang=ru", spec.Path);
        Assert.Equal("[![Narva: BorderWatch status](https://bw.example/badge/narva.svg?metric=queue&lang=ru)](https://bw.example/crossings/narva)",
            spec.ScriptSnippet("https://bw.example", "Narva"));
    }

    [Fact]
    public void Spec_CompactCard_IsShorter()
    {
        var full = new WidgetSpec();
        var compact = full with { Layout = EmbedLayout.Compact };

        Assert.True(compact.FrameHeight < full.FrameHeight);
        Assert.EndsWith("?layout=compact", compact.Path, StringComparison.Ordinal);
    }
}
