using System.Collections.Immutable;

namespace BorderWatch.Web.Live;

/// <summary>
/// The one in-process broadcaster of committed changes. Blazor pages subscribe directly (they run on the server);
/// the SignalR hub forwards to outside clients.
/// </summary>
/// <remarks>Handlers run on the publisher's thread and must return quickly: queue work, don't do it.</remarks>
public sealed class LiveUpdates(ILogger<LiveUpdates> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    /// <summary>Receives every update until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<LiveUpdate> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref _subscriptions, (list, s) => list.Add(s), subscription);
        return subscription;
    }

    public void Publish(LiveUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var subscription in _subscriptions)
        {
            try
            {
                subscription.Handler(update);
            }
            catch (Exception ex)
            {
                // One broken view must not stop the others from updating.
                logger.LogError(ex, "A live update subscriber failed on {UpdateType} for {Crossing}", update.GetType().Name, update.Crossing);
            }
        }
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, (list, s) => list.Remove(s), subscription);

    private sealed class Subscription(LiveUpdates owner, Action<LiveUpdate> handler) : IDisposable
    {
        private int _disposed;

        public Action<LiveUpdate> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
