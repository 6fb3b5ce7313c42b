using BorderWatch.Core.Readings;
using BorderWatch.Web.Components.Pages.Crossings;
using BorderWatch.Web.Live;
using Bunit;

namespace BorderWatch.Web.Components.Tests.Pages;

public class CrossingsPageTests
{
    [Fact]
    public async Task Render_EveryCrossingHasARow()
    {
        await using var test = new ComponentTestContext();

        var page = test.Context.Render<CrossingsPage>();

        Assert.NotNull(page.Find("[data-testid=crossing-link-upper-lars]"));
        Assert.Equal("–", page.Find("[data-testid=queue-vaalimaa]").TextContent.Trim());
    }

    [Fact]
    public async Task EstimateChangedBroadcast_UpdatesTheRowWithoutReload()
    {
        await using var test = new ComponentTestContext();
        var page = test.Context.Render<CrossingsPage>();
        var reading = new Reading
        {
            Id = 1,
            Crossing = "vaalimaa",
            ObservedAt = DateTimeOffset.UtcNow,
            ReceivedAt = DateTimeOffset.UtcNow,
            Kind = ReadingKind.Feed,
            QueueKm = 0.45,
            WaitHours = 2,
            Confidence = 1,
        };

        // What the ingest pipeline does after a commit.
        foreach (var estimate in test.Estimates.Apply([reading]))
        {
            test.Live.Publish(new EstimateChanged(estimate));
        }

        page.WaitForAssertion(() =>
        {
            Assert.Equal("450 m", page.Find("[data-testid=queue-vaalimaa]").TextContent.Trim().Replace('\u00a0', ' '));
            Assert.Equal("2 h", page.Find("[data-testid=wait-vaalimaa]").TextContent.Trim().Replace('\u00a0', ' '));
            Assert.Equal("just now", page.Find("[data-testid=age-vaalimaa]").TextContent.Trim());
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dispose_Page_StopsListening()
    {
        await using var test = new ComponentTestContext();
        var page = test.Context.Render<CrossingsPage>();
        var before = test.Live.SubscriberCount;

        await test.Context.DisposeComponentsAsync();

        Assert.Equal(before - 1, test.Live.SubscriberCount);
        Assert.NotNull(page);
    }
}
