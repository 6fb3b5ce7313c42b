using System.Threading.Channels;
using BorderWatch.Data.Alerts;
using BorderWatch.Data.Audit;
using BorderWatch.Testing;
using BorderWatch.Web.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Alerts;

/// <summary>Thresholds against readings posted through the real API of a real server.</summary>
public sealed class AlertMonitorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly BorderWatchServer _server = new();
    private readonly Channel<Alert> _raised = Channel.CreateUnbounded<Alert>();
    private AlertMonitor _monitor = default!;
    private IDisposable? _subscription;

    public Task InitializeAsync()
    {
        _ = _server.Address;
        _monitor = _server.Services.GetRequiredService<AlertMonitor>();
        _subscription = _monitor.Subscribe(alert => _raised.Writer.TryWrite(alert));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _subscription?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PostReading_AboveWaitLimit_RaisesOneStoredAlert()
    {
        await _monitor.SetThresholdAsync(new AlertThreshold("upper-lars", 12, null, null, DateTimeOffset.UtcNow, "analyst"));

        await _server.PostReadingAsync(new { crossing = "upper-lars", waitHours = 20 });

        var alert = await _raised.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(("upper-lars", "waitHours", 20.0, 12.0), (alert.Crossing, alert.Quantity, alert.Value, alert.Threshold));
        Assert.Equal([alert], await _monitor.ListAlertsAsync(10));
        var audit = await _server.Services.GetRequiredService<AuditRepository>().ListAsync("crossing", "upper-lars");
        Assert.Contains(audit, e => e.Action == "alert-threshold.set" && e.Actor == "analyst");
    }

    [Fact]
    public async Task PostReadings_StaysAboveThenFallsAndRisesAgain_RaisesOnEachCrossingOnly()
    {
        await _monitor.SetThresholdAsync(new AlertThreshold("narva", null, 2, null, DateTimeOffset.UtcNow, "analyst"));
        // Fresh readings (the newest within the stale limit of 3 h), weighted by recency as fusion does.
        var now = DateTimeOffset.UtcNow;

        await _server.PostReadingAsync(new { crossing = "narva", queueKm = 3, observedAt = now.AddHours(-2.9) });
        var first = await _raised.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        // Still above: no second alert. Then clearly below (re-armed), then above again: a new alert.
        await _server.PostReadingAsync(new { crossing = "narva", queueKm = 4, observedAt = now.AddHours(-2.8) });
        await _server.PostReadingAsync(new { crossing = "narva", queueKm = 0.2, observedAt = now.AddHours(-0.5) });
        await _server.PostReadingAsync(new { crossing = "narva", queueKm = 5, observedAt = now });
        var second = await _raised.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(3, first.Value);
        Assert.InRange(second.Value, 2.5, 5);
        Assert.Equal(2, (await _monitor.ListAlertsAsync(10)).Count);
    }

    [Fact]
    public async Task SetThreshold_EstimateAlreadyAbove_RaisesAtOnce()
    {
        await _server.PostReadingAsync(new { crossing = "kyakhta", vehicles = 900 });

        await _monitor.SetThresholdAsync(new AlertThreshold("kyakhta", null, null, 500, DateTimeOffset.UtcNow, "analyst"));

        var alert = await _raised.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(("vehicles", 900.0), (alert.Quantity, alert.Value));
    }

    [Fact]
    public async Task PostReading_StaleObservation_RaisesNothing()
    {
        await _monitor.SetThresholdAsync(new AlertThreshold("medyka", 1, null, null, DateTimeOffset.UtcNow, "analyst"));

        await _server.PostReadingAsync(new { crossing = "medyka", waitHours = 30, observedAt = DateTimeOffset.UtcNow.AddDays(-2) });
        await _server.PostReadingAsync(new { crossing = "narva", waitHours = 30 });

        await Task.Delay(300);
        Assert.False(_raised.Reader.TryRead(out _));
        Assert.Empty(await _monitor.ListAlertsAsync(10));
    }

    [Fact]
    public async Task RemoveThreshold_ThenReadingAbove_RaisesNothing()
    {
        await _monitor.SetThresholdAsync(new AlertThreshold("korczowa", 1, null, null, DateTimeOffset.UtcNow, "analyst"));
        await _monitor.RemoveThresholdAsync("korczowa", "analyst");

        await _server.PostReadingAsync(new { crossing = "korczowa", waitHours = 30 });

        await Task.Delay(300);
        Assert.False(_raised.Reader.TryRead(out _));
        Assert.Empty(await _monitor.ListThresholdsAsync());
    }
}
