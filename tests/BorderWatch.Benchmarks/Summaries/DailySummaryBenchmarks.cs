using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BorderWatch.Benchmarks.Summaries;
using BorderWatch.Data;
using BorderWatch.Data.Summaries;
using Dapper;

namespace BorderWatch.Benchmarks;

/// <summary>
/// The daily summary of 50 crossings × 365 days over 1,000,000 readings (target &lt; 300 ms): read from the
/// incrementally kept table, and computed on demand from the readings, against the floor of scanning the same rows
/// once (COUNT and a sum over the accepted current readings of the year).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class DailySummaryBenchmarks
{
    private readonly SummaryQuery _year = new(SyntheticReadings.FirstDay, SyntheticReadings.LastDay);
    private readonly DateTimeOffset _now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private SqliteDatabase _database = default!;
    private DailySummaryRepository _summaries = default!;

    [Params(1_000_000)]
    public int Readings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = SqliteDatabase.ForFile(SyntheticReadings.EnsureAsync(Readings, Console.Out).GetAwaiter().GetResult());
        _summaries = new DailySummaryRepository(_database);
    }

    /// <summary>The floor: one pass over the same rows, nothing grouped or sorted.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> ScanSameRows()
    {
        await using var connection = await _database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) + TOTAL(vehicles) * 0 FROM readings
            WHERE superseded_by_id IS NULL AND status = 'accepted' AND observed_at >= @from AND observed_at < @to
            """,
            new { from = new DateTimeOffset(2022, 12, 31, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), to = new DateTimeOffset(2024, 1, 1, 14, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() });
    }

    /// <summary>What a CSV export and the page do: refresh (nothing is dirty), totals, and the year's rows from the table.</summary>
    [Benchmark]
    public async Task<int> StoredSummaries() => (await _summaries.GetAsync(_year, _now)).Count;

    /// <summary>XLSX, JSON and GeoJSON also list every source of the year with its readings in the provenance.</summary>
    [Benchmark]
    public async Task<int> StoredSummariesWithSources()
    {
        await using var export = await _summaries.OpenAsync(_year, _now, SummaryOrder.ByDate, withSources: true);
        var rows = 0;
        await foreach (var _ in export.ReadAsync())
        {
            rows++;
        }

        return rows + export.Provenance.Sources.Count;
    }

    /// <summary>The alternative: the same SQL computing every day from the readings on each request.</summary>
    [Benchmark]
    public async Task<int> OnDemandSummaries() => (await _summaries.ComputeAsync(_year, _now)).Count;
}
