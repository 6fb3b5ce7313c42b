using BorderWatch.Core.Crossings;
using Microsoft.AspNetCore.SignalR;

namespace BorderWatch.Web.Hubs;

/// <summary>
/// Live updates for clients outside the server: embeds, the CLI watcher, other apps. Route <c>/hubs/queues</c>.
/// Server to client: <c>readingAdded(reading)</c>, <c>estimateChanged(estimate)</c>.
/// </summary>
/// <remarks>
/// Updates go to the group of their crossing and to the "all" group in one send; a connection is kept in at most one
/// of the two for any crossing, so nobody receives an update twice.
/// </remarks>
public sealed class QueuesHub(Gazetteer gazetteer) : Hub
{
    public const string Route = "/hubs/queues";
    public const string ReadingAddedMethod = "readingAdded";
    public const string EstimateChangedMethod = "estimateChanged";
    public const string AllGroup = "all";

    /// <summary>More subscriptions than this per connection is a misbehaving client.</summary>
    public const int MaxSubscriptions = 200;

    private const string AllKey = "bw:all";
    private const string SlugsKey = "bw:slugs";

    public static string CrossingGroup(string slug) => "crossing:" + slug;

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
