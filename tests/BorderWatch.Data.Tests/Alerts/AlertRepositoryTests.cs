using BorderWatch.Data.Alerts;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Tests.Alerts;

public sealed class AlertRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();
    private AlertRepository _alerts = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _alerts = new AlertRepository(_db.Database, _db.Crossings);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task SetThreshold_Twice_KeepsOneRowWithTheNewestLimits()
    {
        await _alerts.SetThresholdAsync(new AlertThreshold("upper-lars", 12, null, null, Noon, "analyst"));
        await _alerts.SetThresholdAsync(new AlertThreshold("upper-lars", null, 5, 2000, Noon.AddHours(1), "other"));

        var threshold = Assert.Single(await _alerts.ListThresholdsAsync());
        Assert.Equal(new AlertThreshold("upper-lars", null, 5, 2000, Noon.AddHours(1), "other"), threshold);
    }

    [Fact]
    public async Task SetThreshold_NoLimit_RefusedByTheDatabase()
    {
        await Assert.ThrowsAsync<SqliteException>(() => _alerts.SetThresholdAsync(new AlertThreshold("narva", null, null, null, Noon, "analyst")));

        Assert.Empty(await _alerts.ListThresholdsAsync());
    }

    [Fact]
    public async Task SetThreshold_UnknownCrossing_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _alerts.SetThresholdAsync(new AlertThreshold("atlantis", 1, null, null, Noon, "analyst")));

    [Fact]
    public async Task RemoveThreshold_Existing_TrueThenFalse()
    {
        await _alerts.SetThresholdAsync(new AlertThreshold("narva", 3, null, null, Noon, "analyst"));

        Assert.True(await _alerts.RemoveThresholdAsync("narva"));
        Assert.False(await _alerts.RemoveThresholdAsync("narva"));
        Assert.Empty(await _alerts.ListThresholdsAsync());
    }

    [Fact]
    public async Task AddAlert_Several_ListedNewestFirstWithEveryField()
    {
        var first = await _alerts.AddAlertAsync(new Alert(0, "kyakhta", Noon, Noon.AddMinutes(-5), "waitHours", 9.5, 6, IsDemo: true));
        var second = await _alerts.AddAlertAsync(new Alert(0, "narva", Noon.AddHours(1), Noon.AddMinutes(50), "queueKm", 2.5, 2, IsDemo: false));

        var listed = await _alerts.ListAlertsAsync(10);

        Assert.Equal([second, first], listed);
        Assert.True(second.Id > first.Id);
        Assert.Single(await _alerts.ListAlertsAsync(1));
    }
}
