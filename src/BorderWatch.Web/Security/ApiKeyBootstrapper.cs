using BorderWatch.Data.Security;
using BorderWatch.Web.Configuration;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Security;

/// <summary>Makes sure a fresh installation has one ingest key, and that only its operator ever sees it.</summary>
/// <remarks>
/// A generated key is printed to the <see cref="OutputKey"/> writer (standard output), not to the log: logs are
/// shipped and kept, and a key in them would outlive its purpose.
/// </remarks>
public sealed class ApiKeyBootstrapper(
    ApiKeyRepository keys,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    [FromKeyedServices(ApiKeyBootstrapper.OutputKey)] TextWriter output,
    ILogger<ApiKeyBootstrapper> logger)
{
    public const string OutputKey = "borderwatch:stdout";

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
        await output.WriteLineAsync(
            $"""

            BorderWatch created the first ingest API key. It is shown only this once; store it now:

                {key}

            Send it as the X-Api-Key header, or sign in with it at /account/login.

            """);
        logger.LogWarning("Generated the first ingest API key and printed it to standard output");
    }
}
