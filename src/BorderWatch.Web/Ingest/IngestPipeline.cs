using System.Threading.Channels;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;

namespace BorderWatch.Web.Ingest;

/// <summary>
/// The one way readings get stored. Writers from every edge (HTTP, uploads, feeds, the simulator) queue here; one
/// loop commits them in batches (group commit: SQLite allows one writer, and one transaction for many readings is
/// far cheaper than one each), updates the estimates, publishes the live updates, and only then answers each caller.
/// </summary>
public sealed class IngestPipeline(
    ReadingRepository repository,
    EstimateStore estimates,
    LiveUpdates live,
    ILogger<IngestPipeline> logger) : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Stores one reading; completes after the commit and the live broadcast.</summary>
    public async Task<Reading> AddAsync(Reading reading, long? apiKeyId = null, CancellationToken cancellationToken = default)
    {
        var stored = await AddManyAsync([new ReadingToStore(reading, apiKeyId)], cancellationToken);
        return stored[0];
    }

    /// <summary>Stores readings atomically (all or none) in the same order.</summary>
    public async Task<IReadOnlyList<Reading>> AddManyAsync(IReadOnlyList<ReadingToStore> readings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count == 0)
        {
            return [];
        }

        var pending = new Pending(readings);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // The caller may stop waiting, but the reading is already queued and will be stored: cancelling here only
        // stops the wait, never half-stores.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stores a correction as a new version and broadcasts it like any new reading.</summary>
    public async Task<Reading> AddVersionAsync(long previousId, Reading correction, long? apiKeyId = null, CancellationToken cancellationToken = default)
    {
        var stored = await repository.AddVersionAsync(previousId, correction, apiKeyId, cancellationToken);
        Publish([stored]);
        return stored;
    }

    /// <summary>Recomputes estimates at the current time and broadcasts those that changed.</summary>
    public void PublishRefreshedEstimates()
    {
        foreach (var estimate in estimates.Refresh())
        {
            live.Publish(new EstimateChanged(estimate));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var count = 0;
                while (count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    count += next.Readings.Count;
                }

                await CommitAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new OperationCanceledException("BorderWatch is shutting down; the reading was not stored."));
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<Reading> stored;
        try
        {
            stored = await repository.InsertAsync([.. batch.SelectMany(p => p.Readings)], cancellationToken);
        }
        catch (Exception ex) when (batch.Count > 1 && ex is not OperationCanceledException)
        {
            // One bad request must not fail its neighbours: retry each on its own.
            logger.LogWarning(ex, "A batch of {Count} ingest requests failed; retrying them one by one", batch.Count);
            foreach (var single in batch)
            {
                await CommitAsync([single], cancellationToken);
            }

            return;
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        Publish(stored);
        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(stored.Skip(offset).Take(pending.Readings.Count).ToArray());
            offset += pending.Readings.Count;
        }
    }

    private void Publish(IReadOnlyList<Reading> stored)
    {
        IReadOnlyList<Core.Estimates.CrossingEstimate> changed = [];
        try
        {
            changed = estimates.Apply(stored);
        }
        catch (Exception ex)
        {
            // The readings are committed; a fusion bug must not turn that into an error for the sender.
            logger.LogError(ex, "Updating estimates failed after storing {Count} readings", stored.Count);
        }

        foreach (var reading in stored)
        {
            live.Publish(new ReadingAdded(reading));
        }

        foreach (var estimate in changed)
        {
            live.Publish(new EstimateChanged(estimate));
        }
    }

    private sealed class Pending(IReadOnlyList<ReadingToStore> readings)
    {
        public IReadOnlyList<ReadingToStore> Readings { get; } = readings;

        public TaskCompletionSource<IReadOnlyList<Reading>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
