using System.Diagnostics;
using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Demo;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;
using BorderWatch.Web.Replay;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Pages.Map;

/// <summary>
/// The timeline replay (<c>/replay</c>): the map and the side panel moved through a chosen period. Until a period is
/// loaded it follows the in-process broadcaster like the live page, and sends the map only the markers that changed.
/// </summary>
public sealed partial class MapPage : IAsyncDisposable
{
    /// <summary>Coalesces bursts of readings: the map changes at most four times a second.</summary>
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReplayFrame = TimeSpan.FromMilliseconds(250);

    private static readonly (double Hours, string Text)[] Speeds =
    [
        (1, "1 hour per second"),
        (3, "3 hours per second"),
        (12, "12 hours per second"),
        (24, "1 day per second"),
    ];

    private readonly Lock _gate = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    // What the map shows, as a hash of each crossing's marker: a few bytes per crossing instead of a copy of it.
    private int[] _shown = [];
    private List<PanelRow> _rows = [];
    private MapView? _map;
    private IDisposable? _subscription;
    private CallbackThrottler? _throttler;
    private Timer? _clock;
    private DateTimeOffset _now;
    private DateTimeOffset? _lastUpdate;
    private string? _selected;

    // Replay
    private bool _replayOpen;
    private ReplayTimeline? _replay;
    private DateTimeOffset _replayAt;
    private List<ReplayPeriod> _periods = [];
    private string _periodKey = "";
    private double _speedHoursPerSecond = 3;
    private bool _playing;
    private CancellationTokenSource? _playback;
    private string? _replayMessage;

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private EstimateStore Estimates { get; set; } = default!;

    [Inject]
    private ReadingHistoryRepository History { get; set; } = default!;

    [Inject]
    private LiveUpdates Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<MapPage> Logger { get; set; } = default!;

    private DateTimeOffset DisplayNow => _replay is null ? _now : _replayAt;

    private int SpanMinutes => _replay is null ? 0 : (int)(_replay.To - _replay.From).TotalMinutes;

    private int PositionMinutes => _replay is null ? 0 : (int)(_replayAt - _replay.From).TotalMinutes;

    private string ReplayTimeText => _replay is null
        ? "Loading…"
        : _replayAt.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    protected override void OnInitialized()
    {
        _now = Time.GetUtcNow();
        _rows = LiveRows();
        _throttler = new CallbackThrottler(() => InvokeAsync(ApplyLiveChangesAsync), RenderInterval);
        _subscription = Live.Subscribe(update =>
        {
            if (update is EstimateChanged)
            {
                lock (_gate)
                {
                    _changed.Add(update.Crossing);
                }

                _throttler.Signal();
            }
        });
        // Ages ("5 min ago") move on without readings; staleness itself arrives as an estimate change.
        _clock = new Timer(_ => InvokeAsync(() =>
        {
            if (_replay is null)
            {
                _now = Time.GetUtcNow();
                StateHasChanged();
            }
        }), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private List<PanelRow> LiveRows() => [.. Gazetteer.Crossings.Select((c, i) => new PanelRow(i, c, Estimates.Get(c.Slug)))];

    private (DateTimeOffset Now, bool Live) Clock() => _replay is null ? (Time.GetUtcNow(), true) : (_replayAt, false);

    private IReadOnlyList<MapMarker> InitialMarkers()
    {
        var markers = _rows.Select(r => MapMarker.From(r.Crossing, r.Estimate)).ToList();
        _shown = [.. markers.Select(m => m.GetHashCode())];
        return markers;
    }

    /// <summary>The crossing to show, from the live page (<c>/replay?crossing=upper-lars</c>).</summary>
    [SupplyParameterFromQuery(Name = "crossing")]
    public string? FocusCrossing { get; set; }

    /// <summary>Back to the live page, showing the same crossing.</summary>
    private string LiveHref => _selected is null ? "/" : "/?crossing=" + Uri.EscapeDataString(_selected);

    private async Task OnMapReadyAsync()
    {
        await PushMarkersAsync(_rows);
        if (FocusCrossing is { } slug && Gazetteer.Contains(slug))
        {
            await SelectAsync(slug);
        }

        await OpenReplayAsync();
    }

    /// <summary>Sends the map the markers that differ from what it shows.</summary>
    private async Task PushMarkersAsync(IEnumerable<PanelRow> rows)
    {
        if (_map is not { IsReady: true })
        {
            return;
        }

        var changed = new List<MapMarker>();
        foreach (var row in rows)
        {
            var marker = MapMarker.From(row.Crossing, row.Estimate);
            var hash = marker.GetHashCode();
            if (_shown[row.Index] != hash)
            {
                _shown[row.Index] = hash;
                changed.Add(marker);
            }
        }

        if (changed.Count > 0)
        {
            await _map.UpdateAsync(changed);
        }
    }

    private async Task ApplyLiveChangesAsync()
    {
        string[] changed;
        lock (_gate)
        {
            changed = [.. _changed];
            _changed.Clear();
        }

        _now = Time.GetUtcNow();
        _lastUpdate = _now;
        if (_replay is not null || changed.Length == 0)
        {
            // The replay owns the map; live changes are applied when it closes.
            return;
        }

        var set = changed.ToHashSet(StringComparer.Ordinal);
        _rows = [.. _rows.Select(r => set.Contains(r.Crossing.Slug) ? r with { Estimate = Estimates.Get(r.Crossing.Slug) } : r)];
        StateHasChanged();
        await PushMarkersAsync(_rows.Where(r => set.Contains(r.Crossing.Slug)));
    }

    private async Task SelectAsync(string slug)
    {
        _selected = slug;
        if (_map is not null)
        {
            await _map.FocusAsync(slug);
        }
    }

    private async Task OpenReplayAsync()
    {
        _replayOpen = true;
        _replayMessage = null;
        _periods = await ReplayPeriod.ChooseAsync(History);
        if (_periods.Count == 0)
        {
            _replayMessage = "There are no readings to replay yet.";
            return;
        }

        await LoadPeriodAsync(_periods[0]);
    }

    private async Task ChoosePeriodAsync(ChangeEventArgs e)
    {
        if (_periods.FirstOrDefault(p => p.Key == e.Value as string) is { } period)
        {
            await LoadPeriodAsync(period);
        }
    }

    private async Task LoadPeriodAsync(ReplayPeriod period)
    {
        StopPlayback();
        _periodKey = period.Key;
        _replay = null;
        _replayMessage = "Loading the readings of this period…";
        StateHasChanged();
        var timeline = await ReplayTimeline.LoadAsync(History, period.From, period.To, Estimates.Fusion);
        if (!_replayOpen)
        {
            return;
        }

        _replay = timeline;
        _replayAt = timeline.From;
        _replayMessage = timeline.Truncated
            ? $"This period holds more than {ReplayTimeline.MaxReadings:N0} readings; the replay shows the first of them. Choose a shorter period for all."
            : $"{timeline.ReadingCount:N0} readings. Corrections made since are shown as corrected.";
        await ShowReplayFrameAsync();
    }

    private async Task ShowReplayFrameAsync()
    {
        if (_replay is not { } replay)
        {
            return;
        }

        _rows = [.. Gazetteer.Crossings.Select((c, i) => new PanelRow(i, c, replay.EstimateAt(c, _replayAt)))];
        StateHasChanged();
        await PushMarkersAsync(_rows);
    }

    private async Task SeekAsync(ChangeEventArgs e)
    {
        if (_replay is null || !int.TryParse(e.Value as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes))
        {
            return;
        }

        _replayAt = _replay.From.AddMinutes(Math.Clamp(minutes, 0, SpanMinutes));
        await ShowReplayFrameAsync();
    }

    private void ChooseSpeed(ChangeEventArgs e)
    {
        if (double.TryParse(e.Value as string, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && Speeds.Any(s => s.Hours == hours))
        {
            _speedHoursPerSecond = hours;
        }
    }

    private void TogglePlay()
    {
        if (_playing)
        {
            StopPlayback();
            return;
        }

        if (_replay is null)
        {
            return;
        }

        if (_replayAt >= _replay.To)
        {
            _replayAt = _replay.From;
        }

        _playing = true;
        _playback = new CancellationTokenSource();
        _ = PlayAsync(_playback.Token);
    }

    private async Task PlayAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(ReplayFrame);
            var last = Stopwatch.GetTimestamp();
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var elapsed = Stopwatch.GetElapsedTime(last);
                last = Stopwatch.GetTimestamp();
                await InvokeAsync(async () =>
                {
                    if (_replay is null || !_playing)
                    {
                        return;
                    }

                    _replayAt += TimeSpan.FromHours(_speedHoursPerSecond * elapsed.TotalSeconds);
                    if (_replayAt >= _replay.To)
                    {
                        _replayAt = _replay.To;
                        _playing = false;
                    }

                    await ShowReplayFrameAsync();
                });
                if (!_playing)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The page went away while playing.
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The replay stopped");
        }
    }

    private void StopPlayback()
    {
        _playing = false;
        _playback?.Cancel();
        _playback?.Dispose();
        _playback = null;
    }

    public ValueTask DisposeAsync()
    {
        StopPlayback();
        _subscription?.Dispose();
        _throttler?.Dispose();
        _clock?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A period the replay offers: the September 2022 demo when its readings are there, and the recent past.</summary>
public sealed record ReplayPeriod(string Key, string Label, DateTimeOffset From, DateTimeOffset To)
{
    public static async Task<List<ReplayPeriod>> ChooseAsync(ReadingHistoryRepository history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var periods = new List<ReplayPeriod>();
        if (await history.GetExtentAsync() is not { } extent)
        {
            return periods;
        }

        if (await history.HasDemoReadingsAsync(DemoScenario.Start, DemoScenario.End))
        {
            periods.Add(new("demo-2022", "21–30 September 2022 (demo)", DemoScenario.Start, DemoScenario.End));
        }

        // The recent past ends at the newest reading, so an archive that stopped long ago still replays.
        var end = extent.Newest;
        foreach (var (key, label, span) in new[] { ("24h", "The last 24 hours of readings", TimeSpan.FromDays(1)), ("7d", "The last 7 days of readings", TimeSpan.FromDays(7)), ("30d", "The last 30 days of readings", TimeSpan.FromDays(30)) })
        {
            var from = end - span < extent.Oldest ? extent.Oldest : end - span;
            if (end > from)
            {
                periods.Add(new(key, label, from, end));
            }
        }

        return periods;
    }
}
