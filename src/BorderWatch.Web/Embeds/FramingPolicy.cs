using Microsoft.Net.Http.Headers;

namespace BorderWatch.Web.Embeds;

/// <summary>Marks an endpoint whose responses any site may frame: the widgets and badges.</summary>
public sealed class EmbeddableMetadata
{
    public static EmbeddableMetadata Instance { get; } = new();
}

/// <summary>
/// Who may frame what. Widgets and badges (<see cref="EmbeddableMetadata"/>): any site, and their responses never set
/// cookies. Everything else (the analyst pages, the API, the sign-in form): nobody, against click-jacking.
/// </summary>
public static class FramingPolicy
{
    /// <summary>The policy of embeddable responses that set no CSP of their own (JSON, badges): nothing runs, anyone frames.</summary>
    public const string EmbeddableCsp = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *";

    public const string FrameAncestorsNone = "'none'";

    public const string ForbiddenCsp = "frame-ancestors " + FrameAncestorsNone;

    public static IApplicationBuilder UseFramingPolicy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (context.GetEndpoint()?.Metadata.GetMetadata<EmbeddableMetadata>() is not null)
        {
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = EmbeddableCsp;
            }

            // A widget on a news site must not track its readers, nor carry an analyst's session.
            headers.Remove(HeaderNames.SetCookie);
            headers.XContentTypeOptions = "nosniff";
        }
        else
        {
            // A page with a CSP of its own keeps it; X-Frame-Options still forbids framing in every browser.
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ForbiddenCsp;
            }

            headers.XFrameOptions = "DENY";
        }

        return Task.CompletedTask;
    }
}
