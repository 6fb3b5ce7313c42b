using BorderWatch.Core.Readings;
using BorderWatch.Data.Exports;
using BorderWatch.Data.Summaries;
using Dapper;
using static BorderWatch.Data.Tests.Summaries.SummaryReadings;

namespace BorderWatch.Data.Tests.Exports;

public sealed class ReadingExportRepositoryTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();
    private ReadingExportRepository _export = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _export = new ReadingExportRepository(_db.Database, new DailySummaryRepository(_db.Database));
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ReadAsync_LocalDayRange_ReturnsAcceptedCurrentReadingsByCrossingThenTime()
    {
        var stored = await _db.Readings.InsertAsync(
        [
            new(Make("sadakhlo", "2022-09-24T21:30:00Z", vehicles: 1, source: "GE police")),     // local 25 Sep
            new(Make("sadakhlo", "2022-09-24T19:00:00Z", vehicles: 2, source: "GE police")),     // local 24 Sep: outside
            new(Make("medyka", "2022-09-25T10:00:00Z", vehicles: 3, source: "SG")),
            new(Make("medyka", "2022-09-25T09:00:00Z", vehicles: 4, source: "@driver", sourceType: "crowd")),
            new(Make("medyka", "2022-09-25T11:00:00Z", vehicles: 5, status: ReadingStatus.Pending)),
        ]);
        await _db.Readings.AddVersionAsync(stored[2].Id, stored[2] with { Vehicles = 30 });

        var rows = await ToListAsync(_export.ReadAsync(new SummaryQuery(new DateOnly(2022, 9, 25), new DateOnly(2022, 9, 25))));

        Assert.Equal([("medyka", 4.0), ("medyka", 30.0), ("sadakhlo", 1.0)], rows.Select(r => (r.Crossing, r.Vehicles!.Value)));
        Assert.All(rows, r => Assert.Equal(new DateOnly(2022, 9, 25), r.LocalDate));
        // A crowd source is typed but not named in a bulk export.
        Assert.Equal(("crowd", null), (rows[0].SourceType, rows[0].SourceName));
        Assert.Equal(("official", "SG", 2), (rows[1].SourceType, rows[1].SourceName, rows[1].Version));
    }

    [Fact]
    public async Task ExportQuery_Plan_WalksTheIndexPerDayWithoutSorting()
    {
        await using var connection = await _db.Database.OpenAsync();
        var plan = string.Join("\n", (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + typeof(ReadingExportRepository).GetField("Sql", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null),
            new { from = "2022-01-01", to = "2022-12-31", crossing = (string?)null })).Select(r => r.Detail));

        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.Contains("SEARCH r USING INDEX ix_readings_current (crossing_id=? AND observed_at>? AND observed_at<?)", plan, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
