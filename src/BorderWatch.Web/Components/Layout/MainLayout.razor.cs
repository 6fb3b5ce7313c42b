using BorderWatch.Web.Configuration;
using BorderWatch.Web.Estimates;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BorderWatch.Web.Components.Layout;

public sealed partial class MainLayout
{
    private IJSObjectReference? _module;
    private bool _dark;
    private bool _drawerOpen = true;
    private bool _interactive;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ThemeStylesheet Stylesheet { get; set; } = default!;

    [Inject]
    private EstimateStore Estimates { get; set; } = default!;

    [Inject]
    private IOptions<DemoOptions> Demo { get; set; } = default!;

    private bool HasDemoData => Demo.Value.Simulate || Estimates.GetAll().Any(e => e.IsDemo);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _interactive = true;

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/MainLayout.razor.js");
            var saved = await _module.InvokeAsync<string?>("getTheme");
            _dark = saved switch
            {
                "dark" => true,
                "light" => false,
                _ => await _module.InvokeAsync<bool>("prefersDark"),
            };
            StateHasChanged();
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("setTheme", _dark ? "dark" : "light");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
