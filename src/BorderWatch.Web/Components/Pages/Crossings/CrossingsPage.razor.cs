using BorderWatch.Core.Crossings;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Pages.Crossings;

/// <summary>The crossings grid. Updates live from the in-process broadcaster; no polling, no reload.</summary>
public sealed partial class CrossingsPage
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(200);

    private List<CrossingRow> _rows = [];
    private string? _search;
    private DateTimeOffset _now;
    private DateTimeOffset? _lastUpdate;
    private IDisposable? _subscription;
    private CallbackThrottler? _throttler;
    private Timer? _clock;

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private EstimateStore Estimates { get; set; } = default!;

    [Inject]
    private LiveUpdates Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override void OnInitialized()
    {
        _now = Time.GetUtcNow();
        _rows = [.. Gazetteer.Crossings.Select(c => new CrossingRow(c, Estimates.Get(c.Slug)))];
        _throttler = new CallbackThrottler(() => InvokeAsync(Refresh), RenderInterval);
        _subscription = Live.Subscribe(update =>
        {
            if (update is EstimateChanged)
            {
                _throttler.Signal();
            }
        });
        // Ages ("4 min ago") move on even when no reading arrives.
        _clock = new Timer(_ => _throttler.Signal(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private void Refresh()
    {
        _now = Time.GetUtcNow();
        var rows = new List<CrossingRow>(_rows.Count);
        foreach (var row in _rows)
        {
            var estimate = Estimates.Get(row.Slug);
            if (!ReferenceEquals(estimate, row.Estimate) && estimate.AsOf != row.Estimate.AsOf)
            {
                _lastUpdate = _now;
            }

            rows.Add(ReferenceEquals(estimate, row.Estimate) ? row : row with { Estimate = estimate });
        }

        _rows = rows;
        StateHasChanged();
    }

    private bool Matches(CrossingRow row) => row.Matches(_search);

    private string RowClass(CrossingRow row, int index) =>
        row.Estimate.HasData && row.Estimate.IsStale ? "bw-row-stale" : "";

    public void Dispose()
    {
        _subscription?.Dispose();
        _clock?.Dispose();
        _throttler?.Dispose();
    }
}
