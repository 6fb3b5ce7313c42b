using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BorderWatch.EndToEnd.Tests;

public sealed class ApiReferenceTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ApiReference_Opens_ListsTheRoutesWithoutCallingOtherHosts()
    {
        var page = await browser.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.Server.Address.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        await page.GotoAsync("/api/reference/");

        await Expect(page.GetByText("BorderWatch API").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The first tag opens by itself; the contract's tags are listed in the sidebar.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Crossings", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Readings", Exact = true })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserFixture.ScreenshotAsync(page, "api-reference", fullPage: false);
        Assert.Empty(foreign);
        await page.Context.CloseAsync();
    }
}
