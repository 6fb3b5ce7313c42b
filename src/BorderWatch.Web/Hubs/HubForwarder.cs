using System.Threading.Channels;
using BorderWatch.Web.Embeds;
using BorderWatch.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace BorderWatch.Web.Hubs;

/// <summary>Forwards in-process live updates to the SignalR groups, in order, without blocking the publisher.</summary>
public sealed class HubForwarder(LiveUpdates live, IHubContext<QueuesHub> hub, ILogger<HubForwarder> logger) : BackgroundService
{
    private readonly Channel<LiveUpdate> _updates = Channel.CreateUnbounded<LiveUpdate>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = live.Subscribe(update => _updates.Writer.TryWrite(update));
        try
        {
            await foreach (var update in _updates.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var (method, payload) = update switch
                    {
                        ReadingAdded added => (QueuesHub.ReadingAddedMethod, (object)added.Reading),
                        EstimateChanged changed => (QueuesHub.EstimateChangedMethod, changed.Estimate),
                        _ => throw new InvalidOperationException($"Unexpected update {update.GetType().Name}"),
                    };
                    // One call reaches both audiences; QueuesHub keeps a connection in at most one of the two groups.
                    await hub.Clients.Groups([QueuesHub.AllGroup, QueuesHub.CrossingGroup(update.Crossing)]).SendAsync(method, payload, stoppingToken);
                    if (update is EstimateChanged estimate)
                    {
                        // Widgets get the trimmed estimate only: serialised once, then the same bytes go to every viewer.
                        await hub.Clients.Group(QueuesHub.EmbedGroup(update.Crossing))
                            .SendAsync(QueuesHub.EmbedEstimateMethod, EmbedEstimate.From(estimate.Estimate), stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Forwarding a live update for {Crossing} to hub clients failed", update.Crossing);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
