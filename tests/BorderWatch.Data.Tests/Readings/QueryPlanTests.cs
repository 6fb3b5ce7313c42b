using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using Dapper;

namespace BorderWatch.Data.Tests.Readings;

/// <summary>The reading queries that run on every start and page must use their indexes at a million rows too.</summary>
public sealed class QueryPlanTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task FusionInputs_AnyStatistics_SearchTheCurrentReadingsIndexPerCrossing()
    {
        var plan = await PlanAsync(
            ReadingRow.Columns + "\n" + ReadingRow.FromCrossingsFirst + "\n" +
            typeof(ReadingRepository).GetField("FusionWindow", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null),
            new { now = 0L, window = 0L });

        Assert.Contains("SEARCH r USING INDEX ix_readings_current (crossing_id=? AND observed_at>? AND observed_at<?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("sqlite_autoindex_readings", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_ManyCurrentReadings_PendingQueueUsesItsPartialIndex()
    {
        var now = DateTimeOffset.UtcNow;
        await _db.Readings.InsertAsync([.. Enumerable.Range(0, 3000).Select(i => new ReadingToStore(
            TestReadings.At("narva", now.AddMinutes(-i), vehicles: i, status: i % 50 == 0 ? ReadingStatus.Pending : ReadingStatus.Accepted)))]);

        await _db.Database.OptimizeAsync();

        var plan = await PlanAsync("SELECT id FROM readings WHERE status = 'pending' AND superseded_by_id IS NULL ORDER BY observed_at DESC LIMIT 50", null);
        Assert.Contains("ix_readings_pending", plan, StringComparison.Ordinal);
    }

    private async Task<string> PlanAsync(string sql, object? parameters)
    {
        await using var connection = await _db.Database.OpenAsync();
        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
        return string.Join("\n", rows.Select(r => r.Detail));
    }
}
