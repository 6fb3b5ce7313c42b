using BorderWatch.Core.Readings;
using BorderWatch.Data.Exports;
using BorderWatch.Data.Readings;
using BorderWatch.Data.Summaries;
using BorderWatch.Web.Components.Pages.Exports;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Exports;
using BorderWatch.Web.Live;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Components.Tests.Pages;

public class ExportsPageTests
{
    [Fact]
    public async Task Render_ReadingsToday_PreviewShowsTheRowAndTotals()
    {
        await using var test = Context();
        await StoreAsync(test, Reading("upper-lars", DateTimeOffset.UtcNow.AddMinutes(-30), vehicles: 1200));

        var page = test.Context.Render<ExportsPage>();

        page.WaitForAssertion(() =>
        {
            var readings = page.FindAll("[data-testid^=preview-readings-upper-lars-]");
            Assert.Equal("1", Assert.Single(readings).TextContent.Trim());
            Assert.StartsWith("1 rows · 1 readings", page.Find("[data-testid=preview-totals]").TextContent.Trim(), StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Render_Defaults_DownloadLinkIsTheCsvApiWithHxl()
    {
        await using var test = Context();

        var page = test.Context.Render<ExportsPage>();

        var href = page.Find("[data-testid=download-summary]").GetAttribute("href")!;
        Assert.StartsWith("/api/summaries/daily?from=", href, StringComparison.Ordinal);
        Assert.EndsWith("&format=csv&hxl=true", href, StringComparison.Ordinal);
        Assert.Equal("GET " + href, page.Find("[data-testid=api-url]").TextContent.Trim());
    }

    [Fact]
    public async Task ReadingAddedBroadcast_RefreshesThePreviewWithoutReload()
    {
        await using var test = Context();
        var page = test.Context.Render<ExportsPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid^=preview-readings-]")), TimeSpan.FromSeconds(5));

        var stored = await StoreAsync(test, Reading("kyakhta", DateTimeOffset.UtcNow.AddMinutes(-5), km: 3));
        test.Live.Publish(new ReadingAdded(stored[0]));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^=preview-readings-kyakhta-]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dispose_Page_StopsListening()
    {
        await using var test = Context();
        var before = test.Live.SubscriberCount;
        test.Context.Render<ExportsPage>();
        Assert.Equal(before + 1, test.Live.SubscriberCount);

        await test.Context.DisposeComponentsAsync();

        Assert.Equal(before, test.Live.SubscriberCount);
    }

    private static ComponentTestContext Context() => new(AddExportServices);

    private static void AddExportServices(ComponentTestContext test)
    {
        var services = test.Context.Services;
        var summaries = new DailySummaryRepository(test.Database);
        var runs = new ExportRunRepository(test.Database);
        var options = Options.Create(new ExportOptions { Directory = Path.Combine(test.TempDirectory, "exports") });
        services.AddSingleton(summaries);
        services.AddSingleton(runs);
        services.AddSingleton(options);
        services.AddHttpClient();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = test.TempDirectory });
        services.AddSingleton(sp => new DailyExportJob(summaries, runs, Core.Crossings.Gazetteer.Default, options,
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IHostEnvironment>(), TimeProvider.System, NullLogger<DailyExportJob>.Instance));
        test.Context.AddAuthorization();
    }

    private static Task<IReadOnlyList<Reading>> StoreAsync(ComponentTestContext test, Reading reading) =>
        test.Readings.InsertAsync([new ReadingToStore(reading)]);

    private static Reading Reading(string crossing, DateTimeOffset at, double? vehicles = null, double? km = null) => new()
    {
        Crossing = crossing,
        ObservedAt = at,
        ReceivedAt = at,
        Kind = ReadingKind.Manual,
        Vehicles = vehicles,
        QueueKm = km,
        Confidence = 0.9,
    };
}
