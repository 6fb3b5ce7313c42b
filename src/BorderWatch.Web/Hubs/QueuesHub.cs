using BorderWatch.Core.Crossings;
using BorderWatch.Web.Embeds;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Dashboard;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Hubs;

/// <summary>
/// Live updates for clients outside the server: embeds, the CLI watcher, other apps. Route <c>/hubs/queues</c>.
/// Server to client: <c>readingAdded(reading)</c>, <c>estimateChanged(estimate)</c>; for embedded widgets,
/// <c>embedEstimate(estimate)</c> (see <see cref="SubscribeEmbed"/>).
/// </summary>
/// <remarks>
/// Updates go to the group of their crossing and to the "all" group in one send; a connection is kept in at most one
/// of the two for any crossing, so nobody receives an update twice.
/// </remarks>
public sealed class QueuesHub(
    Gazetteer gazetteer, EstimateStore estimates, HubConnectionCounter connections, IOptions<EmbedCapacityOptions> capacity, DashboardFeed dashboard)
    : Hub
{
    public const string Route = "/hubs/queues";
    public const string ReadingAddedMethod = "readingAdded";
    public const string EstimateChangedMethod = "estimateChanged";
    public const string EmbedEstimateMethod = "embedEstimate";
    public const string DashboardUpdateMethod = "dashboardUpdate";
    public const string DashboardAlertMethod = "dashboardAlert";
    public const string AllGroup = "all";
    public const string DashboardGroup = "dashboard";

    /// <summary>More subscriptions than this per connection is a misbehaving client.</summary>
    public const int MaxSubscriptions = 200;

    private const string AllKey = "bw:all";
    private const string SlugsKey = "bw:slugs";

    /// <summary>What a widget is told when the server has as many live viewers as it can serve: poll instead.</summary>
    public const string BusyMessage = "BorderWatch has as many live viewers as it can serve; poll the widget's JSON instead.";

    public static string CrossingGroup(string slug) => "crossing:" + slug;

    public override Task OnConnectedAsync()
    {
        connections.Connected();
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected();
        return Task.CompletedTask;
    }

    public static string EmbedGroup(string slug) => "embed:" + slug;

    /// <summary>
    /// For embedded widgets: receive <c>embedEstimate</c> — the trimmed estimate (<see cref="EmbedEstimate"/>), and no
    /// readings — whenever this crossing's estimate changes. Returns the current one, so a widget served from a cache
    /// is up to date the moment it connects.
    /// </summary>
    /// <remarks>
    /// Tens of thousands of readers may hold a widget open: this keeps no per-connection state beyond the group
    /// membership (no Items entry), and nothing needs undoing (the membership ends with the connection). A connection
    /// can join at most every crossing's group, so no cap per connection is needed. Beyond
    /// <see cref="EmbedCapacityOptions.MaxLiveViewers"/> connections it refuses (<see cref="BusyMessage"/>): the widget
    /// then polls its cacheable JSON.
    /// </remarks>
    public async Task<EmbedEstimate> SubscribeEmbed(string slug)
    {
        EnsureKnown(slug);
        if (capacity.Value.MaxLiveViewers > 0 && connections.Count > capacity.Value.MaxLiveViewers)
        {
            throw new HubException(BusyMessage);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, EmbedGroup(slug), Context.ConnectionAborted);
        return EmbedEstimate.From(estimates.Get(slug));
    }

    /// <summary>
    /// For the live dashboard page: receive <c>dashboardUpdate</c> (a changed crossing's marker and side-panel row,
    /// formatted by the server) and <c>dashboardAlert</c> (a raised alert). Returns what happened after update number
    /// <paramref name="since"/> (the number the page was rendered with, or the last one received before a reconnect).
    /// </summary>
    public async Task<DashboardCatchUp> SubscribeDashboard(long since)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, DashboardGroup, Context.ConnectionAborted);
        return dashboard.Since(since);
    }

    /// <summary>Receive updates for one crossing.</summary>
    public async Task Subscribe(string slug)
    {
        EnsureKnown(slug);
        if (Context.Items.ContainsKey(AllKey))
        {
            return;
        }

        var slugs = Slugs();
        lock (slugs)
        {
            if (!slugs.Add(slug))
            {
                return;
            }

            if (slugs.Count > MaxSubscriptions)
            {
                slugs.Remove(slug);
                throw new HubException($"A connection may follow at most {MaxSubscriptions} crossings; use SubscribeAll().");
            }
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, CrossingGroup(slug), Context.ConnectionAborted);
    }

    public async Task Unsubscribe(string slug)
    {
        EnsureKnown(slug);
        var slugs = Slugs();
        lock (slugs)
        {
            if (!slugs.Remove(slug))
            {
                return;
            }
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, CrossingGroup(slug), Context.ConnectionAborted);
    }

    /// <summary>Receive updates for every crossing (replaces per-crossing subscriptions).</summary>
    public async Task SubscribeAll()
    {
        if (!Context.Items.TryAdd(AllKey, true))
        {
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, AllGroup, Context.ConnectionAborted);
        var slugs = Slugs();
        string[] previous;
        lock (slugs)
        {
            previous = [.. slugs];
            slugs.Clear();
        }

        foreach (var slug in previous)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, CrossingGroup(slug), Context.ConnectionAborted);
        }
    }

    private HashSet<string> Slugs()
    {
        if (Context.Items.TryGetValue(SlugsKey, out var value) && value is HashSet<string> slugs)
        {
            return slugs;
        }

        slugs = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[SlugsKey] = slugs;
        return slugs;
    }

    private void EnsureKnown(string slug)
    {
        if (string.IsNullOrEmpty(slug) || !gazetteer.Contains(slug))
        {
            var shown = slug is null ? "" : slug.Length <= 60 ? slug : slug[..60] + "…";
            throw new HubException($"Unknown crossing '{shown}'. GET /api/crossings lists the valid slugs.");
        }
    }
}
