namespace BorderWatch.Web.Embeds;

/// <summary>
/// Cross-origin access, only where a widget on another site needs it: the hub and the read-only data. Any origin, no
/// credentials: nothing there depends on who asks, and no cookie is ever sent along. The write API and the pages
/// have no CORS at all.
/// </summary>
public static class EmbedCors
{
    /// <summary>GET (and the preflight) on public, read-only JSON.</summary>
    public const string ReadOnlyPolicy = "embeds-read";

    /// <summary>The SignalR hub: negotiate is a POST, then WebSockets (which CORS does not govern) or SSE/long polling.</summary>
    public const string HubPolicy = "embeds-hub";

    public static IServiceCollection AddEmbedCors(this IServiceCollection services) => services.AddCors(options =>
    {
        options.AddPolicy(ReadOnlyPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD").WithHeaders("If-None-Match", "Cache-Control"));
        options.AddPolicy(HubPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET", "POST")
            .WithHeaders("Content-Type", "X-Requested-With", "X-SignalR-User-Agent"));
    });
}
