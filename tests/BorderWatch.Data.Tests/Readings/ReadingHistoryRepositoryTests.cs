using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;

namespace BorderWatch.Data.Tests.Readings;

public sealed class ReadingHistoryRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();
    private ReadingHistoryRepository _history = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _history = new ReadingHistoryRepository(_db.Database, _db.Crossings);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ListAccepted_Period_OnlyAcceptedCurrentVersionsInTimeOrder()
    {
        var stored = await _db.Readings.InsertAsync(
        [
            new(TestReadings.At("narva", Noon.AddHours(2), vehicles: 30)),
            new(TestReadings.At("upper-lars", Noon, km: 14)),
            new(TestReadings.At("upper-lars", Noon.AddHours(1), km: 99, status: ReadingStatus.Pending)),
            new(TestReadings.At("upper-lars", Noon.AddDays(-1), km: 1)),
        ]);
        var corrected = await _db.Readings.AddVersionAsync(stored[1].Id, TestReadings.At("upper-lars", Noon, km: 15, sourceName: "Georgian TV"));

        var list = await _history.ListAcceptedAsync(Noon.AddMinutes(-1), Noon.AddHours(3), 100);

        Assert.Equal([corrected.Id, stored[0].Id], list.Select(r => r.Id));
        Assert.Equal("upper-lars", list[0].Crossing);
        Assert.Equal(15, list[0].QueueKm);
        Assert.Equal("media", list[0].Source.SourceType);
        Assert.Equal(Direction.Outbound, list[0].Direction);
    }

    [Fact]
    public async Task ListAccepted_Limit_StopsAtTheOldestOnes()
    {
        await _db.Readings.InsertAsync([.. Enumerable.Range(0, 5).Select(i => new ReadingToStore(TestReadings.At("narva", Noon.AddMinutes(i), vehicles: i + 1)))]);

        var list = await _history.ListAcceptedAsync(Noon, Noon.AddHours(1), 3);

        Assert.Equal([1.0, 2.0, 3.0], list.Select(r => r.Vehicles!.Value));
    }

    [Fact]
    public async Task GetHourlyMeans_ReadingsInTwoHours_MeanPerHourAndDirection()
    {
        await _db.Readings.InsertAsync(
        [
            new(TestReadings.At("kyakhta", Noon.AddMinutes(10), vehicles: 100)),
            new(TestReadings.At("kyakhta", Noon.AddMinutes(50), vehicles: 300, km: 2)),
            new(TestReadings.At("kyakhta", Noon.AddMinutes(70), wait: 5)),
            new(TestReadings.At("kyakhta", Noon.AddMinutes(20), vehicles: 7) with { Direction = Direction.Inbound }),
            new(TestReadings.At("narva", Noon.AddMinutes(10), vehicles: 1000)),
        ]);

        var hourly = await _history.GetHourlyMeansAsync("kyakhta", Noon, Noon.AddHours(3));

        Assert.Equal(3, hourly.Count);
        var noonOut = hourly.Single(h => h.HourStart == Noon && h.Direction == Direction.Outbound);
        Assert.Equal(200, noonOut.Vehicles);
        Assert.Equal(2, noonOut.QueueKm);
        Assert.Null(noonOut.WaitHours);
        Assert.Equal(2, noonOut.Count);
        Assert.Equal(7, hourly.Single(h => h.Direction == Direction.Inbound).Vehicles);
        Assert.Equal(5, hourly.Single(h => h.HourStart == Noon.AddHours(1)).WaitHours);
    }

    [Fact]
    public async Task GetExtentAndHasDemo_EmptyThenFilled()
    {
        Assert.Null(await _history.GetExtentAsync());

        await _db.Readings.InsertAsync([new(TestReadings.At("narva", Noon, vehicles: 1) with { IsDemo = true }), new(TestReadings.At("narva", Noon.AddDays(3), vehicles: 1))]);

        Assert.Equal((Noon, Noon.AddDays(3)), await _history.GetExtentAsync());
        Assert.True(await _history.HasDemoReadingsAsync(Noon.AddHours(-1), Noon.AddHours(1)));
        Assert.False(await _history.HasDemoReadingsAsync(Noon.AddDays(2), Noon.AddDays(4)));
    }
}
