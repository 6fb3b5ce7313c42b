using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BorderWatch.Benchmarks.Summaries;
using BorderWatch.Core.Readings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using BorderWatch.Data.Readings;
using BorderWatch.Data.Summaries;

namespace BorderWatch.Benchmarks;

/// <summary>
/// What keeping the table costs: storing one reading and then refreshing its days (as the next export does),
/// against storing the reading alone, on a copy of the 1,000,000-reading database.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 30)]
public class SummaryUpkeepBenchmarks
{
    private readonly Random _random = new(7);
    private ReadingRepository _readings = default!;
    private DailySummaryRepository _summaries = default!;
    private string _copy = "";

    [GlobalSetup]
    public void Setup()
    {
        var original = SyntheticReadings.EnsureAsync(1_000_000, Console.Out).GetAwaiter().GetResult();
        _copy = Path.Combine(SyntheticReadings.Folder, $"upkeep-{Guid.NewGuid():N}.db");
        File.Copy(original, _copy);
        var database = SqliteDatabase.ForFile(_copy);
        var crossings = new CrossingRepository(database);
        _readings = new ReadingRepository(database, crossings);
        _summaries = new DailySummaryRepository(database);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(SyntheticReadings.Folder, Path.GetFileName(_copy) + "*"))
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true)]
    public Task StoreReading() => _readings.InsertAsync([new ReadingToStore(Next())]);

    [Benchmark]
    public async Task<int> StoreReadingThenRefresh()
    {
        await _readings.InsertAsync([new ReadingToStore(Next())]);
        return await _summaries.RefreshAsync(DateTimeOffset.UtcNow);
    }

    private Reading Next()
    {
        var observed = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(_random.Next(60 * 24 * 30));
        return new Reading
        {
            Crossing = "upper-lars",
            ObservedAt = observed,
            ReceivedAt = observed,
            Kind = ReadingKind.Feed,
            Vehicles = _random.Next(3000),
            Confidence = 0.9,
            Source = new Provenance("Source 1", null, "official"),
        };
    }
}
