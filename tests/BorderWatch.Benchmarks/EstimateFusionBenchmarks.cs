using BenchmarkDotNet.Attributes;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;

namespace BorderWatch.Benchmarks;

/// <summary>Fusing a full window (500 readings) against the floor: one pass summing the same readings.</summary>
[MemoryDiagnoser]
public class EstimateFusionBenchmarks
{
    private readonly Crossing _crossing = Gazetteer.Default.Find("upper-lars")!;
    private Reading[] _readings = [];
    private DateTimeOffset _now;

    [Params(10, 500)]
    public int Readings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _now = new DateTimeOffset(2022, 9, 26, 12, 0, 0, TimeSpan.Zero);
        _readings = [.. Enumerable.Range(0, Readings).Select(i => new Reading
        {
            Id = i + 1,
            Crossing = _crossing.Slug,
            ObservedAt = _now.AddSeconds(-i * 30),
            ReceivedAt = _now,
            Kind = (ReadingKind)(i % 5),
            Direction = (Direction)(i % 3),
            Vehicles = i % 2 == 0 ? random.Next(1000, 5000) : null,
            QueueKm = i % 2 == 1 ? random.NextDouble() * 20 : null,
            Confidence = 0.5 + (random.NextDouble() / 2),
        })];
    }

    [Benchmark(Baseline = true)]
    public double SumOnce()
    {
        var sum = 0.0;
        foreach (var reading in _readings)
        {
            sum += (reading.Vehicles ?? 0) * reading.Confidence;
        }

        return sum;
    }

    [Benchmark]
    public CrossingEstimate Fuse() => EstimateFusion.Fuse(_crossing, _readings, _now);
}
