using System.Text.RegularExpressions;
using BorderWatch.Web.Components.Layout;

namespace BorderWatch.Web.Components.Tests.Layout;

public sealed partial class NavigationMarkupTests
{
    [Theory]
    [InlineData("", "Live map")]
    [InlineData("crossings", "Crossings")]
    [InlineData("crossings/upper-lars", "Crossings")]
    [InlineData("crossings/upper-lars?range=7d#chart", "Crossings")]
    [InlineData("images/upload", "Queue from an image")]
    [InlineData("alerts/", "Alerts")]
    public void For_Page_MarksItsSectionAsTheCurrentPageAndNoOther(string path, string current)
    {
        var html = NavigationMarkup.For(path).Value;

        var marked = CurrentLink().Matches(html).Select(m => m.Groups["text"].Value).ToList();
        Assert.Equal([current], marked);
    }

    [Theory]
    [InlineData("crossingsx")]
    [InlineData("account/login")]
    [InlineData("embed/card/vaalimaa")]
    public void For_PageOutsideTheMenu_MarksNothing(string path) =>
        Assert.DoesNotContain("aria-current", NavigationMarkup.For(path).Value, StringComparison.Ordinal);

    [Fact]
    public void For_AnyPage_ListsEveryDestinationOnceWithToolsOpeningInANewTab()
    {
        var html = NavigationMarkup.For("cameras").Value;

        string[] hrefs = ["/", "/crossings", "/images/upload", "/cameras", "/review", "/widgets", "/alerts", "/exports", "/api/reference", "/healthz"];
        Assert.Equal(hrefs, Href().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Count(html, "target=\"_blank\" rel=\"noopener noreferrer\""));
        Assert.StartsWith("<nav aria-label=\"Main navigation\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SamePageTwice_GivesTheSameSharedString()
    {
        // The point of the class: open pages share one string instead of each holding a menu of components.
        Assert.Same(NavigationMarkup.For("alerts").Value, NavigationMarkup.For("alerts?x=1").Value);
    }

    [GeneratedRegex("""class="mud-nav-link mud-ripple active" aria-current="page">.*?<div class="mud-nav-link-text">(?<text>[^<]*)</div>""")]
    private static partial Regex CurrentLink();

    [GeneratedRegex("<a href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
