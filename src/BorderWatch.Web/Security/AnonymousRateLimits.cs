using System.Globalization;
using System.Threading.RateLimiting;
using BorderWatch.Web.Configuration;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Security;

/// <summary>
/// A ceiling on what one anonymous client may ask of the endpoints that do work for anyone (the report dry run):
/// <see cref="SecurityOptions.AnonymousRequestsPerMinute"/> per client address, in one-minute windows. Callers with an
/// API key or a sign-in are not limited. Over the limit: 429 problem details with <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// The address is kept in memory as the partition key only; it is never logged. Behind a reverse proxy every client
/// has the proxy's address unless forwarded headers are configured, so the ceiling then applies to all of them together.
/// </remarks>
public static class AnonymousRateLimits
{
    public const string Policy = "anonymous";

    public static IServiceCollection AddBorderWatchRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AnonymousRequestsPerMinute;
                if (perMinute <= 0 || context.User.Identity?.IsAuthenticated == true)
                {
                    return RateLimitPartition.GetNoLimiter("trusted");
                }

                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                        title: "Too many requests",
                        detail: $"Without an API key this endpoint takes a limited number of requests per minute. Try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s, or send an X-Api-Key.",
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
