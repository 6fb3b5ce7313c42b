using BorderWatch.Web.Configuration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BorderWatch.Web.Components.Pages.Map;

/// <summary>
/// A Leaflet map of crossings. Imports <c>MapView.razor.js</c> after the first render, then draws what the page sends:
/// <see cref="UpdateAsync"/> with changed markers only, <see cref="FocusAsync"/> to show one crossing.
/// </summary>
public sealed partial class MapView : IAsyncDisposable
{
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _map;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IOptions<MapOptions> Options { get; set; } = default!;

    /// <summary>Called once, when the map is about to be created: every marker to start with.</summary>
    [Parameter]
    public Func<IReadOnlyList<MapMarker>> InitialMarkers { get; set; } = () => [];

    /// <summary>For a page rendered without a circuit: the markers, written into the page for its script.</summary>
    [Parameter]
    public IReadOnlyList<MapMarker>? StaticMarkers { get; set; }

    /// <summary>The time ages are counted from, and whether it runs on (live) or stands still (replay).</summary>
    [Parameter]
    public Func<(DateTimeOffset Now, bool Live)> Clock { get; set; } = () => (DateTimeOffset.UtcNow, true);

    /// <summary>Raised when the map has been drawn and takes updates.</summary>
    [Parameter]
    public EventCallback Ready { get; set; }

    /// <summary>Overlays drawn above the map (the legend).</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    public bool IsReady => _map is not null;

    private string? TileUrl => string.IsNullOrWhiteSpace(Options.Value.TileUrl) ? null : Options.Value.TileUrl;

    private static MarkupString MarkersElement(IReadOnlyList<MapMarker> markers) =>
        new($"""<script type="application/json" id="bw-map-markers">{MapMarkerJson.Serialize(markers)}</script>""");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Map/MapView.razor.js");
            var (now, live) = Clock();
            var map = await _module.InvokeAsync<IJSObjectReference>("create", _element,
                TileUrl, Options.Value.TileAttribution,
                MapMarkerJson.Serialize(InitialMarkers()), now.ToUnixTimeMilliseconds(), live);
            if (_disposed)
            {
                await DisposeMapAsync(map);
                return;
            }

            _map = map;
            await Ready.InvokeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser left before the map was made.
        }
        catch (TaskCanceledException)
        {
        }
    }

    /// <summary>Redraws the given markers (and adds unknown ones).</summary>
    public async Task UpdateAsync(IReadOnlyList<MapMarker> markers)
    {
        if (_module is null || _map is null)
        {
            return;
        }

        try
        {
            var (now, live) = Clock();
            await _module.InvokeVoidAsync("update", _map, MapMarkerJson.Serialize(markers), now.ToUnixTimeMilliseconds(), live);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    /// <summary>Zooms to one crossing and opens its popup.</summary>
    public async Task FocusAsync(string slug)
    {
        if (_module is null || _map is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("focus", _map, slug);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_map is { } map)
        {
            _map = null;
            await DisposeMapAsync(map);
        }

        if (_module is { } module)
        {
            _module = null;
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }

    private async Task DisposeMapAsync(IJSObjectReference map)
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("dispose", map);
            }

            await map.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
