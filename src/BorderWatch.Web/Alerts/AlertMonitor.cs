using System.Collections.Immutable;
using System.Threading.Channels;
using BorderWatch.Core.Estimates;
using BorderWatch.Data.Alerts;
using BorderWatch.Data.Audit;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;

namespace BorderWatch.Web.Alerts;

/// <summary>
/// Watches every estimate change against the analysts' thresholds. When a fresh estimate goes above a limit it stores
/// an alert and tells every subscriber (each open dashboard shows a notification). One loop does all the work, in
/// order, so thresholds and estimates never race.
/// </summary>
/// <remarks>
/// Alerts are edge-triggered: a limit fires once when it is crossed and is armed again when the value falls below
/// <see cref="AlertRules.RearmBelow"/> of it. After a restart, limits that are already broken do not fire again.
/// </remarks>
public sealed class AlertMonitor(
    AlertRepository repository,
    AuditRepository audit,
    EstimateStore estimates,
    LiveUpdates live,
    TimeProvider time,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, AlertThreshold> _thresholds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _fired = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<Action<Alert>> _subscribers = [];

    /// <summary>Receives every raised alert (after it is stored) until the handle is disposed. Handlers must return quickly.</summary>
    public IDisposable Subscribe(Action<Alert> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _subscribers, (list, h) => list.Add(h), handler);
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, (list, h) => list.Remove(h), handler));
    }

    public Task<IReadOnlyList<AlertThreshold>> ListThresholdsAsync(CancellationToken cancellationToken = default) =>
        repository.ListThresholdsAsync(cancellationToken);

    public Task<IReadOnlyList<Alert>> ListAlertsAsync(int limit, CancellationToken cancellationToken = default) =>
        repository.ListAlertsAsync(limit, cancellationToken);

    /// <summary>
    /// Stores a crossing's threshold (the caller has checked the actor may write) and checks the current estimate
    /// against it at once: a limit that is already broken fires now.
    /// </summary>
    public Task SetThresholdAsync(AlertThreshold threshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (!threshold.HasAnyLimit)
        {
            throw new ArgumentException("A threshold needs at least one limit.", nameof(threshold));
        }

        return RunAsync(async () =>
        {
            await repository.SetThresholdAsync(threshold, cancellationToken);
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), threshold.UpdatedBy, "alert-threshold.set", "crossing", threshold.Crossing,
                new Dictionary<string, object?> { ["maxWaitHours"] = threshold.MaxWaitHours, ["maxQueueKm"] = threshold.MaxQueueKm, ["maxVehicles"] = threshold.MaxVehicles }),
                cancellationToken);
            _thresholds[threshold.Crossing] = threshold;
            _fired.Remove(threshold.Crossing);
            await EvaluateAsync(estimates.Get(threshold.Crossing));
        });
    }

    public Task RemoveThresholdAsync(string crossing, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            if (await repository.RemoveThresholdAsync(crossing, cancellationToken))
            {
                await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), actor, "alert-threshold.removed", "crossing", crossing), cancellationToken);
            }

            _thresholds.Remove(crossing);
            _fired.Remove(crossing);
        });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = live.Subscribe(update =>
        {
            if (update is EstimateChanged changed)
            {
                _work.Writer.TryWrite(() => EvaluateAsync(changed.Estimate));
            }
        });

        try
        {
            foreach (var threshold in await repository.ListThresholdsAsync(stoppingToken))
            {
                _thresholds[threshold.Crossing] = threshold;
                // Already broken at start: it fired before the restart (or nobody was watching); don't repeat it.
                var broken = AlertRules.Broken(threshold, estimates.Get(threshold.Crossing)).Select(b => b.Quantity).ToHashSet(StringComparer.Ordinal);
                if (broken.Count > 0)
                {
                    _fired[threshold.Crossing] = broken;
                }
            }

            _loaded.TrySetResult();
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await work();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Checking alert thresholds failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _loaded.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task RunAsync(Func<Task> action)
    {
        await _loaded.Task;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _work.Writer.WriteAsync(async () =>
        {
            try
            {
                await action();
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        });
        await done.Task;
    }

    private async Task EvaluateAsync(CrossingEstimate estimate)
    {
        if (!_thresholds.TryGetValue(estimate.Crossing, out var threshold))
        {
            return;
        }

        var fired = _fired.TryGetValue(estimate.Crossing, out var set) ? set : _fired[estimate.Crossing] = new HashSet<string>(StringComparer.Ordinal);
        fired.RemoveWhere(quantity => AlertRules.Rearms(threshold, estimate, quantity));
        foreach (var (quantity, value, limit) in AlertRules.Broken(threshold, estimate))
        {
            if (!fired.Add(quantity))
            {
                continue;
            }

            var alert = await repository.AddAlertAsync(new Alert(0, estimate.Crossing, time.GetUtcNow(), estimate.AsOf!.Value, quantity, value, limit, estimate.IsDemo));
            logger.LogInformation("Alert at {Crossing}: {Quantity} {Value:0.##} above {Limit:0.##}", alert.Crossing, quantity, value, limit);
            foreach (var subscriber in _subscribers)
            {
                try
                {
                    subscriber(alert);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "An alert subscriber failed");
                }
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
