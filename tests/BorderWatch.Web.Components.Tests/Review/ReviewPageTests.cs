using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Web.Components.Pages.Review;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace BorderWatch.Web.Components.Tests.Review;

public sealed class ReviewPageTests
{
    private static Task<Web.Reports.ReportOutcome> PendingAsync(ReviewTestContext test, string text = "Kazbegi: traffic stands for 12 km, people wait about 6 hours") =>
        test.Ingest.StoreAsync(new ReportInput { Text = text, Source = new ReportSourceInput { Name = "Sample channel", Type = "crowd" } }, null);

    [Fact]
    public async Task Render_PendingReading_ShowsHighlightedEvidenceSourceAndWhyItWaits()
    {
        await using var test = await ReviewTestContext.CreateAsync();
        var stored = (await PendingAsync(test)).Readings[0];

        var page = test.Context.Render<ReviewPage>();

        var item = page.Find($"[data-testid=pending-{stored.Id}]");
        Assert.Equal("Kazbegi", item.QuerySelector("mark.bw-mark-crossing")!.TextContent);
        Assert.Equal(["12 km", "about 6 hours"], item.QuerySelectorAll("mark.bw-mark-quantity").Select(m => m.TextContent));
        Assert.Contains("Sample channel", item.QuerySelector("[data-testid=pending-source]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("tourist area", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 pending", page.Find("[data-testid=pending-count]").TextContent.Trim());
    }

    [Fact]
    public async Task AcceptButton_PendingReading_AcceptedVersionStoredAndAudited()
    {
        await using var test = await ReviewTestContext.CreateAsync();
        var stored = (await PendingAsync(test)).Readings[0];
        var page = test.Context.Render<ReviewPage>();

        await page.Find($"[data-testid=accept-{stored.Id}]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=review-empty]")));
        var original = await test.Inner.Readings.GetAsync(stored.Id);
        var accepted = await test.Inner.Readings.GetAsync(original!.SupersededBy!.Value);
        Assert.Equal(ReadingStatus.Accepted, accepted!.Status);
        var entry = Assert.Single(await test.Audit.ListAsync("reading", stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("review.accepted", "analyst-key"), (entry.Action, entry.Actor));
        Assert.Equal(12, test.Inner.Estimates.Get("upper-lars").QueueKm);
    }

    [Fact]
    public async Task Keyboard_JThenR_RejectsTheSecondReading()
    {
        await using var test = await ReviewTestContext.CreateAsync();
        var older = (await PendingAsync(test)).Readings[0];
        var newer = (await PendingAsync(test, "Queue of 10 km at the border between Russia and Finland")).Readings[0];
        var page = test.Context.Render<ReviewPage>();
        Assert.Equal($"pending-{newer.Id}", page.Find("[role=option][aria-selected=true]").Id);

        await page.Find("[data-testid=review-list]").KeyDownAsync(new KeyboardEventArgs { Key = "j" });
        await page.Find("[data-testid=review-list]").KeyDownAsync(new KeyboardEventArgs { Key = "r" });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[role=option]")));
        Assert.Equal(ReadingStatus.Rejected, (await test.Inner.Readings.GetAsync((await test.Inner.Readings.GetAsync(older.Id))!.SupersededBy!.Value))!.Status);
        Assert.Null((await test.Inner.Readings.GetAsync(newer.Id))!.SupersededBy);
    }

    [Fact]
    public async Task Edit_SaveCorrection_StoresTheReviewersFigures()
    {
        await using var test = await ReviewTestContext.CreateAsync();
        var stored = (await PendingAsync(test)).Readings[0];
        var page = test.Context.Render<ReviewPage>();

        await page.Find("[data-testid=review-list]").KeyDownAsync(new KeyboardEventArgs { Key = "e" });
        page.Find("input[data-testid=edit-km]").Change("8.5");
        await page.Find("[data-testid=edit-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=review-empty]")));
        var corrected = await test.Inner.Readings.GetAsync((await test.Inner.Readings.GetAsync(stored.Id))!.SupersededBy!.Value);
        Assert.Equal(8.5, corrected!.QueueKm);
        Assert.Equal(6, corrected.WaitHours);
        Assert.Equal("review.corrected", Assert.Single(await test.Audit.ListAsync("reading", stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Action);
    }

    [Fact]
    public async Task LiveUpdate_PendingReadingStoredElsewhere_AppearsWithoutReload()
    {
        await using var test = await ReviewTestContext.CreateAsync();
        var page = test.Context.Render<ReviewPage>();
        Assert.NotNull(page.Find("[data-testid=review-empty]"));

        var stored = (await PendingAsync(test)).Readings[0];

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=pending-{stored.Id}]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dispose_Page_StopsListening()
    {
        await using var test = await ReviewTestContext.CreateAsync();
        test.Context.Render<ReviewPage>();
        var before = test.Inner.Live.SubscriberCount;

        await test.Context.DisposeComponentsAsync();

        Assert.Equal(before - 1, test.Inner.Live.SubscriberCount);
    }
}
