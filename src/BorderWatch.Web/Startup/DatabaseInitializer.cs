using BorderWatch.Core.Crossings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using BorderWatch.Vision.Environment;
using BorderWatch.Web.Demo;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Security;

namespace BorderWatch.Web.Startup;

/// <summary>
/// Runs before the server accepts requests: migrates the database, syncs the gazetteer, makes sure an API key exists,
/// seeds the demo data into an empty database and warms the estimates.
/// </summary>
public sealed class DatabaseInitializer(
    SqliteDatabase database,
    CrossingRepository crossings,
    Gazetteer gazetteer,
    ApiKeyBootstrapper keys,
    DemoSeeder demo,
    EstimateStore estimates,
    VisionStatus vision,
    StartupState state,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = database.Migrate(loggers.CreateLogger("DbUp"));
        logger.LogInformation("Database {Path} ready ({Count} migrations applied now)", database.FilePath, applied.Count);
        await crossings.SyncAsync(gazetteer, time, cancellationToken);
        await keys.EnsureKeyAsync(cancellationToken);
        await demo.SeedIfEmptyAsync(cancellationToken);
        await database.OptimizeAsync(cancellationToken);
        await estimates.WarmAsync(cancellationToken);

        if (vision.Problem is not null)
        {
            logger.LogWarning("Vision: {Problem}", vision.Problem);
        }

        state.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
