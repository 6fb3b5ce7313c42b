using BorderWatch.Web.Configuration;
using BorderWatch.Web.Ingest;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Estimates;

/// <summary>Estimates age without new readings: confidence decays and crossings turn stale. This re-fuses them periodically.</summary>
public sealed class EstimateRefresher(IngestPipeline ingest, IOptions<EstimateOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                ingest.PublishRefreshedEstimates();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
