using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Tests.Readings;

public sealed class ReadingRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Insert_Batch_AssignsIncreasingIdsAndRoundTripsEveryField()
    {
        var reading = TestReadings.At("upper-lars", Noon, km: 14, vehicles: 5500, wait: 48, sourceName: "Telegram", sourceUrl: "https://t.me/x/1");

        var stored = await _db.Readings.InsertAsync([new(reading), new(reading with { QueueKm = 15 })]);
        var loaded = await _db.Readings.GetAsync(stored[0].Id);

        Assert.True(stored[1].Id > stored[0].Id);
        Assert.Equal(reading with { Id = stored[0].Id }, loaded);
    }

    [Fact]
    public async Task Insert_OneUnknownCrossing_StoresNothingOfTheBatch()
    {
        var good = TestReadings.At("vaalimaa", Noon, km: 0.4);
        var bad = TestReadings.At("atlantis", Noon, km: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => _db.Readings.InsertAsync([new(good), new(bad)]));

        Assert.Equal(0, await _db.Readings.CountAsync());
    }

    [Fact]
    public async Task Update_StoredValue_IsRefusedByTheDatabase()
    {
        var stored = (await _db.Readings.InsertAsync([new(TestReadings.At("vaalimaa", Noon, km: 0.4))]))[0];
        await using var connection = await _db.Database.OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            connection.ExecuteAsync("UPDATE readings SET queue_km = 40 WHERE id = @id", new { id = stored.Id }));

        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        Assert.Equal(0.4, (await _db.Readings.GetAsync(stored.Id))!.QueueKm);
    }

    [Fact]
    public async Task AddVersion_Correction_KeepsBothAndListsOnlyTheNewest()
    {
        var original = (await _db.Readings.InsertAsync([new(TestReadings.At("vaalimaa", Noon, km: 4))]))[0];

        var corrected = await _db.Readings.AddVersionAsync(original.Id, original with { QueueKm = 0.4, ReceivedAt = Noon.AddHours(1) });

        Assert.Equal(2, corrected.Version);
        Assert.Equal(original.Id, corrected.Supersedes);
        Assert.Equal(corrected.Id, (await _db.Readings.GetAsync(original.Id))!.SupersededBy);
        var listed = await _db.Readings.ListAsync("vaalimaa", null, null, 10);
        Assert.Equal([corrected.Id], listed.Select(r => r.Id));
    }

    [Fact]
    public async Task AddVersion_OfASupersededReading_Conflicts()
    {
        var original = (await _db.Readings.InsertAsync([new(TestReadings.At("vaalimaa", Noon, km: 4))]))[0];
        await _db.Readings.AddVersionAsync(original.Id, original with { QueueKm = 0.4 });

        await Assert.ThrowsAsync<ReadingVersionConflictException>(() => _db.Readings.AddVersionAsync(original.Id, original with { QueueKm = 0.5 }));
    }

    [Fact]
    public async Task Insert_SameSourceTwice_StoresOneSourceRow()
    {
        await _db.Readings.InsertAsync([new(TestReadings.At("vaalimaa", Noon, km: 0.4, sourceName: "Raja", sourceUrl: "https://raja.fi/x/"))]);
        await _db.Readings.InsertAsync([new(TestReadings.At("vaalimaa", Noon, km: 0.5, sourceName: "Raja", sourceUrl: "HTTPS://RAJA.FI/x#top"))]);
        await using var connection = await _db.Database.OpenAsync();

        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sources"));
    }

    [Fact]
    public async Task List_FromToLimit_FiltersNewestFirst()
    {
        await _db.Readings.InsertAsync([.. Enumerable.Range(0, 10).Select(h => new ReadingToStore(TestReadings.At("narva", Noon.AddHours(h), vehicles: h)))]);

        var listed = await _db.Readings.ListAsync("narva", Noon.AddHours(2), Noon.AddHours(8), 3);

        Assert.Equal([8.0, 7.0, 6.0], listed.Select(r => r.Vehicles!.Value));
    }

    [Fact]
    public async Task ListAfter_Id_ReturnsLaterReadingsOldestFirst()
    {
        var stored = await _db.Readings.InsertAsync([.. Enumerable.Range(0, 5).Select(h => new ReadingToStore(TestReadings.At(h % 2 == 0 ? "narva" : "koidula", Noon.AddHours(h), vehicles: h)))]);

        var all = await _db.Readings.ListAfterAsync(stored[1].Id, 100);
        var narva = await _db.Readings.ListAfterAsync(stored[1].Id, 100, "narva");

        Assert.Equal(stored.Skip(2).Select(r => r.Id), all.Select(r => r.Id));
        Assert.Equal([stored[2].Id, stored[4].Id], narva.Select(r => r.Id));
        Assert.Equal(stored[^1].Id, await _db.Readings.GetLastIdAsync());
    }

    [Fact]
    public async Task GetFusionInputs_OnlyAcceptedCurrentReadingsWithinTheWindowOfTheNewest()
    {
        await _db.Readings.InsertAsync(
        [
            new(TestReadings.At("kyakhta", Noon, vehicles: 300)),
            new(TestReadings.At("kyakhta", Noon.AddHours(-5), vehicles: 200)),
            new(TestReadings.At("kyakhta", Noon.AddHours(-7), vehicles: 100)),
            new(TestReadings.At("kyakhta", Noon.AddHours(-1), vehicles: 999, status: ReadingStatus.Pending)),
            new(TestReadings.At("tashanta", Noon, vehicles: 50)),
        ]);

        var inputs = await _db.Readings.GetFusionInputsAsync("kyakhta", TimeSpan.FromHours(6), Noon.AddDays(1));
        var all = await _db.Readings.GetFusionInputsForAllAsync(TimeSpan.FromHours(6), Noon.AddDays(1));

        Assert.Equal([300.0, 200.0], inputs.Select(r => r.Vehicles!.Value));
        Assert.Equal(inputs.Select(r => r.Id).Order(), all["kyakhta"].Select(r => r.Id).Order());
        Assert.Single(all["tashanta"]);
    }
}
