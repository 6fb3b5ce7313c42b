using System.Threading.Channels;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Data.Alerts;
using BorderWatch.Web.Alerts;
using BorderWatch.Web.Components.Pages.Map;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Hubs;
using BorderWatch.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace BorderWatch.Web.Dashboard;

/// <summary>
/// What the live dashboard (a static page, no circuit) receives over the hub: each changed crossing's marker and
/// side-panel row, formatted once on the server for every open dashboard, and the alerts. Updates are numbered, so a
/// dashboard that connects after its page was rendered asks for what it missed (<see cref="Since"/>).
/// </summary>
/// <remarks>
/// An open dashboard costs the server one hub connection in one group, not a Blazor circuit: tens of kilobytes
/// instead of more than half a megabyte (docs/dashboard.md).
/// </remarks>
public sealed class DashboardFeed(
    Gazetteer gazetteer,
    EstimateStore estimates,
    LiveUpdates live,
    AlertMonitor alerts,
    IHubContext<QueuesHub> hub,
    TimeProvider time,
    ILogger<DashboardFeed> logger) : BackgroundService
{
    /// <summary>How many recent updates are kept for dashboards catching up; older ones get the whole state.</summary>
    public const int Kept = 2_000;

    private readonly Lock _gate = new();
    // Numbers start at the server's start time (ms × 1,000), so a page rendered by an earlier run of the server asks
    // for a number this run never gave, and gets the whole state.
    private readonly long _first = time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000;
    // The changes themselves, not their markup: formatting waits for the sending loop (or a dashboard catching up), so
    // the publisher — the ingest pipeline — only numbers and queues.
    private readonly Queue<Change> _recent = new();
    private readonly Channel<object> _outbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private long _count;

    /// <summary>The number of the newest update; a page rendered now shows everything up to it.</summary>
    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _first + _count;
            }
        }
    }

    /// <summary>
    /// The updates after <paramref name="sequence"/>, newest per crossing; every crossing when they are no longer
    /// all kept (a dashboard that was offline for long) or the number is not one of this run of the server.
    /// </summary>
    public DashboardCatchUp Since(long sequence)
    {
        long newest;
        List<Change>? missed = null;
        lock (_gate)
        {
            newest = _first + _count;
            var oldestKept = _recent.Count == 0 ? newest + 1 : _recent.Peek().Sequence;
            if (sequence >= _first && sequence <= newest && sequence + 1 >= oldestKept)
            {
                missed = [.. _recent.Where(c => c.Sequence > sequence).GroupBy(c => c.Crossing.Slug, StringComparer.Ordinal).Select(g => g.Last())];
            }
        }

        return missed is not null
            ? new DashboardCatchUp(newest, false, [.. missed.Select(Build)])
            : new DashboardCatchUp(newest, true, [.. gazetteer.Crossings.Select(c => Build(new Change(newest, c, estimates.Get(c.Slug))))]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var estimateChanges = live.Subscribe(update =>
        {
            if (update is EstimateChanged changed && gazetteer.Find(changed.Crossing) is { } crossing)
            {
                lock (_gate)
                {
                    // Numbered and queued under one lock: dashboards receive updates in the order of their numbers.
                    var change = new Change(_first + ++_count, crossing, changed.Estimate);
                    _recent.Enqueue(change);
                    while (_recent.Count > Kept)
                    {
                        _recent.Dequeue();
                    }

                    _outbox.Writer.TryWrite(change);
                }
            }
        });
        using var raised = alerts.Subscribe(alert => _outbox.Writer.TryWrite(DashboardAlert.From(alert, gazetteer)));
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var (method, payload) = message is Change change
                        ? (QueuesHub.DashboardUpdateMethod, (object)Build(change))
                        : (QueuesHub.DashboardAlertMethod, message);
                    await hub.Clients.Group(QueuesHub.DashboardGroup).SendAsync(method, payload, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Sending a dashboard update failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A change's marker and panel row, formatted as of now (the row's age).</summary>
    private DashboardUpdate Build(Change change) => new(
        change.Sequence,
        MapMarker.From(change.Crossing, change.Estimate),
        DashboardRow.From(new PanelRow(0, change.Crossing, change.Estimate), time.GetUtcNow()));

    private sealed record Change(long Sequence, Crossing Crossing, CrossingEstimate Estimate);
}

/// <summary>One crossing's marker and side-panel row, numbered in the order the server produced them.</summary>
public sealed record DashboardUpdate(long Sequence, MapMarker Marker, DashboardRow Row);

/// <summary>What a dashboard missed: the newest number, whether this is every crossing, and the updates.</summary>
public sealed record DashboardCatchUp(long Sequence, bool Full, IReadOnlyList<DashboardUpdate> Updates);

/// <summary>
/// A side-panel row as the page's script needs it: its markup (the same as the server renders) and the keys it sorts
/// and filters by (<see cref="PanelQuery"/>'s rules; rank 0 is a fresh estimate).
/// </summary>
public sealed record DashboardRow(string Slug, string Html, string Css, string Severity, int Rank, double? WaitHours, double? QueueKm)
{
    public static DashboardRow From(PanelRow row, DateTimeOffset now) => new(
        row.Crossing.Slug,
        PanelRowMarkup.Inner(row, now),
        PanelRowMarkup.Css(row, selected: false),
        SeverityNames.Css(row.Severity),
        PanelRowMarkup.Rank(row),
        row.Estimate.WaitHours,
        row.Estimate.QueueKm);
}

/// <summary>An alert as the dashboard's notification shows it.</summary>
public sealed record DashboardAlert(string Crossing, string Text)
{
    public static DashboardAlert From(Alert alert, Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var name = gazetteer.Find(alert.Crossing)?.Name ?? alert.Crossing;
        return new(alert.Crossing, $"Alert · {name}: {AlertText.Describe(alert)}{(alert.IsDemo ? " (demo data)" : "")}");
    }
}
