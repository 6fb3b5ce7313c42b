using BorderWatch.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace BorderWatch.Web.Components.Tests.Layout;

public sealed class ThemeStylesheetTests
{
    [Fact]
    public async Task For_LightAndDark_GivesMudBlazorsThemeVariablesInBorderWatchColours()
    {
        await using var services = Services();
        var stylesheet = new ThemeStylesheet(services, NullLoggerFactory.Instance);

        var light = stylesheet.For(dark: false).Value;
        var dark = stylesheet.For(dark: true).Value;

        // BorderWatchTheme: primary #1f5f8b by day, #6fb3e0 at night; the app bar keeps its navy by day.
        Assert.Contains("--mud-palette-primary: rgba(31,95,139,1);", light, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-appbar-background: rgba(18,52,77,1);", light, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-primary: rgba(111,179,224,1);", dark, StringComparison.Ordinal);
        Assert.DoesNotContain("rgba(31,95,139,1)", dark, StringComparison.Ordinal);
        Assert.StartsWith("<style", light.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_AskedAgain_GivesTheSameStringNotACopy()
    {
        await using var services = Services();
        var stylesheet = new ThemeStylesheet(services, NullLoggerFactory.Instance);

        Assert.Same(stylesheet.For(dark: true).Value, stylesheet.For(dark: true).Value);
        Assert.Same(stylesheet.For(dark: false).Value, stylesheet.For(dark: false).Value);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging().AddMudServices();
        // MudBlazor's services want a JS runtime. Rendering to HTML has no browser: the theme provider's clean-up call
        // fails as it does outside a circuit (the app's own runtime is exercised by the end-to-end tests).
        services.AddScoped<IJSRuntime, NoBrowser>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class NoBrowser : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new JSDisconnectedException(identifier);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new JSDisconnectedException(identifier);
    }
}
