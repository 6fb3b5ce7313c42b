using BorderWatch.Testing;
using Microsoft.Playwright;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, plus a BorderWatch server. Playwright never downloads a browser here:
/// it launches /usr/bin/chromium (installed by tests/run.sh).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    public BorderWatchServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}; run tests/run.sh (it installs the Debian package 'chromium').");
        }

        _ = Server.Address;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh page (own cookies and storage) at the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900, ColorScheme colorScheme = ColorScheme.Light, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            Locale = locale ?? "en-GB",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Navigates and waits until the Blazor circuit is interactive (the layout marks it).</summary>
    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(url);
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(TestArtifacts.Directory("screenshots"), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
