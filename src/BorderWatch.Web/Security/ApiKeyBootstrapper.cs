using BorderWatch.Data.Security;
using BorderWatch.Web.Configuration;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Security;

/// <summary>Makes sure a fresh installation has one ingest key, and that only its operator ever sees it.</summary>
public sealed class ApiKeyBootstrapper(ApiKeyRepository keys, IOptions<SecurityOptions> options, TimeProvider time, ILogger<ApiKeyBootstrapper> logger)
{
    /// <summary>Where a generated key is printed. Standard output, not the log: logs are shipped and kept.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    public async Task EnsureKeyAsync(CancellationToken cancellationToken)
    {
        if (await keys.CountActiveAsync(cancellationToken) > 0)
        {
            return;
        }

        if (options.Value.BootstrapApiKey is { Length: > 0 } configured)
        {
            await keys.AddAsync("bootstrap", configured, "ingest", time.GetUtcNow(), cancellationToken);
            logger.LogInformation("Stored the configured Security:BootstrapApiKey as the first ingest key");
            return;
        }

        var key = ApiKeyRepository.GenerateKey();
        await keys.AddAsync("bootstrap", key, "ingest", time.GetUtcNow(), cancellationToken);
        await Output.WriteLineAsync(
            $"""

            BorderWatch created the first ingest API key. It is shown only this once; store it now:

                {key}

            Send it as the X-Api-Key header, or sign in with it at /account/login.

            """);
        logger.LogWarning("Generated the first ingest API key and printed it to standard output");
    }
}
