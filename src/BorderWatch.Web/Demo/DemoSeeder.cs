using BorderWatch.Core.Demo;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Configuration;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Demo;

/// <summary>Fills an empty database with the September 2022 replay, when <c>Demo:Seed</c> is on.</summary>
public sealed class DemoSeeder(ReadingRepository readings, IOptions<DemoOptions> options, ILogger<DemoSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed || await readings.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var replay = DemoScenario.Generate();
        await readings.InsertAsync([.. replay.Select(r => new ReadingToStore(r))], cancellationToken);
        logger.LogInformation("Seeded {Count} demo readings (21–30 September 2022, modelled on public reporting)", replay.Count);
    }
}
