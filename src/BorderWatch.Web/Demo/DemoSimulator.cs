using BorderWatch.Core.Demo;
using BorderWatch.Core.Readings;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Ingest;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Demo;

/// <summary>
/// With <c>Demo:Simulate</c> on, keeps adding plausible demo readings so live views have something to show. Each
/// crossing's queue follows a random walk that starts from its current estimate.
/// </summary>
public sealed class DemoSimulator(
    IngestPipeline ingest,
    EstimateStore estimates,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSimulator> logger) : BackgroundService
{
    public const string SourceName = "BorderWatch simulator (demo data, not observed)";

    private readonly Random _random = new();
    private readonly Dictionary<string, double> _vehicles = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Simulate)
        {
            return;
        }

        logger.LogInformation("Demo simulator on: a demo reading every {Seconds} s", options.Value.SimulateIntervalSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SimulateIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ingest.AddAsync(Next(), cancellationToken: stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The demo simulator could not store a reading");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Reading Next()
    {
        var profile = DemoScenario.Profiles[_random.Next(DemoScenario.Profiles.Count)];
        if (!_vehicles.TryGetValue(profile.Crossing, out var current))
        {
            var estimate = estimates.Get(profile.Crossing);
            current = estimate.Vehicles ?? profile.VehiclesAt(DemoScenario.Start.AddDays(4));
        }

        // Mean-reverting random walk around the profile's September level, never below zero.
        var level = profile.VehiclesAt(DemoScenario.Start.AddDays(4));
        current = Math.Max(0, current + ((level - current) * 0.05) + (current * 0.15 * ((_random.NextDouble() * 2) - 1)));
        _vehicles[profile.Crossing] = current;

        var shape = new DemoProfile(profile.Crossing, profile.Direction, profile.KmPerVehicle, profile.RatePerHour, profile.Basis,
            profile.MeanIntervalMinutes, _ => current);
        var now = time.GetUtcNow();
        return DemoScenario.Sample(shape, now, _random, SourceName) with { ReceivedAt = now };
    }
}
