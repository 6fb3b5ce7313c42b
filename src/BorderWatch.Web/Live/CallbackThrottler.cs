namespace BorderWatch.Web.Live;

/// <summary>
/// Runs a callback at most once per interval however often it is signalled, and always once after the last signal:
/// a burst of 1,000 readings re-renders a page a few times, not 1,000 times.
/// </summary>
public sealed class CallbackThrottler(Func<Task> callback, TimeSpan interval) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopped = new();
    private bool _scheduled;
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;

    public void Signal()
    {
        lock (_gate)
        {
            if (_scheduled || _stopped.IsCancellationRequested)
            {
                return;
            }

            _scheduled = true;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            var wait = _lastRun + interval - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _stopped.Token);
            }

            lock (_gate)
            {
                // Signals arriving from here on schedule a new run, so none is lost.
                _scheduled = false;
                _lastRun = DateTimeOffset.UtcNow;
            }

            await callback();
        }
        catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The component went away between the signal and the run.
        }
    }

    public void Dispose()
    {
        _stopped.Cancel();
        _stopped.Dispose();
    }
}
