using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Pages.Crossings;

/// <summary>One crossing: its estimate beside the readings and sources behind it, live.</summary>
public sealed partial class CrossingPage
{
    private const int ShownReadings = 200;

    private Crossing? _crossing;
    private CrossingEstimate _estimate = CrossingEstimate.Empty("", DateTimeOffset.UnixEpoch);
    private List<Reading> _readings = [];
    private DateTimeOffset _now;
    private DateTimeOffset? _lastUpdate;
    private IDisposable? _subscription;
    private CallbackThrottler? _throttler;
    private readonly Lock _gate = new();
    private readonly List<Reading> _arrived = [];

    [Parameter]
    public string Slug { get; set; } = "";

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private EstimateStore Estimates { get; set; } = default!;

    [Inject]
    private ReadingRepository Readings { get; set; } = default!;

    [Inject]
    private LiveUpdates Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _throttler?.Dispose();
        _now = Time.GetUtcNow();
        _crossing = Gazetteer.Find(Slug);
        if (_crossing is null)
        {
            return;
        }

        _throttler = new CallbackThrottler(() => InvokeAsync(Refresh), TimeSpan.FromMilliseconds(200));
        // Subscribe before loading, so nothing stored in between is missed; duplicates are dropped by id.
        _subscription = Live.Subscribe(update =>
        {
            if (update.Crossing != Slug)
            {
                return;
            }

            if (update is ReadingAdded added)
            {
                lock (_gate)
                {
                    _arrived.Add(added.Reading);
                }
            }

            _throttler.Signal();
        });
        _estimate = Estimates.Get(Slug);
        _readings = [.. await Readings.ListAsync(Slug, null, null, ShownReadings)];
    }

    private void Refresh()
    {
        List<Reading> arrived;
        lock (_gate)
        {
            arrived = [.. _arrived];
            _arrived.Clear();
        }

        if (arrived.Count > 0)
        {
            var superseded = arrived.Where(r => r.Supersedes is not null).Select(r => r.Supersedes!.Value).ToHashSet();
            var known = _readings.Select(r => r.Id).ToHashSet();
            _readings = [.. arrived.Where(r => !known.Contains(r.Id))
                .Concat(_readings.Where(r => !superseded.Contains(r.Id)))
                .OrderByDescending(r => r.ObservedAt).ThenByDescending(r => r.Id)
                .Take(ShownReadings)];
        }

        _estimate = Estimates.Get(Slug);
        _now = Time.GetUtcNow();
        _lastUpdate = _now;
        StateHasChanged();
    }

    private string ReadingRowClass(Reading reading, int index) =>
        reading.Status switch
        {
            ReadingStatus.Pending => "bw-reading-pending",
            ReadingStatus.Rejected => "bw-reading-rejected",
            _ => "",
        };

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttler?.Dispose();
    }
}
