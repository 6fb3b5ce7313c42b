using System.Globalization;
using System.Text.Json.Serialization;
using BorderWatch.Core.Crossings;
using BorderWatch.Web.Endpoints;
using Microsoft.AspNetCore.WebUtilities;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// The oEmbed provider (oembed.com, version 1.0): <c>GET /oembed?url=…&amp;format=json&amp;maxwidth=&amp;maxheight=</c>
/// answers a <c>rich</c> response whose html is the widget's iframe, for crossing pages, crossing cards and maps.
/// </summary>
public static class OEmbedEndpoints
{
    /// <summary>Consumers may keep the snippet a day: the iframe inside updates itself.</summary>
    public const int CacheAgeSeconds = 86_400;

    public const int MinWidth = 200;

    public static RouteHandlerBuilder MapOEmbedEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/oembed", Get).RequireCors(EmbedCors.ReadOnlyPolicy).WithTags("Embeds")
            .WithSummary("oEmbed (rich) for crossing pages, crossing cards and maps; JSON only");

    /// <summary>The discovery link's target for a widget or page URL.</summary>
    public static string DiscoveryUrl(string root, string url) => $"{root}/oembed?url={Uri.EscapeDataString(url)}&format=json";

    /// <param name="url">A BorderWatch page or widget URL: /crossings/{slug}, /embed/crossing/{slug}, /embed/map.</param>
    /// <param name="format">json (the default); xml is not implemented (501).</param>
    /// <param name="maxwidth">Largest width the consumer can show, in pixels.</param>
    /// <param name="maxheight">Largest height the consumer can show, in pixels.</param>
    /// <param name="context">The request.</param>
    /// <param name="gazetteer">The crossings.</param>
    private static IResult Get(string? url, string? format, string? maxwidth, string? maxheight, HttpContext context, Gazetteer gazetteer)
    {
        if (format is not (null or "" or "json"))
        {
            return TypedResults.Problem(
                title: "Format not implemented",
                detail: $"BorderWatch answers oEmbed in JSON only; ask with format=json (format '{Shorten(format)}' is not supported).",
                statusCode: StatusCodes.Status501NotImplemented);
        }

        var errors = new Dictionary<string, string[]>();
        var maxWidth = Positive(maxwidth, "maxwidth", errors);
        var maxHeight = Positive(maxheight, "maxheight", errors);
        if (string.IsNullOrWhiteSpace(url))
        {
            errors["url"] = ["url is required: the address of a BorderWatch crossing page, card or map."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some oEmbed parameters are not valid.");
        }

        var root = EmbedEndpoints.Root(context.Request);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https")
            || !string.Equals(target.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResults.NotFound("This provider embeds only its own crossing pages, cards and maps (same host).");
        }

        var pathBase = context.Request.PathBase.Value ?? "";
        var path = target.AbsolutePath;
        if (pathBase.Length > 0 && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
        {
            path = path[pathBase.Length..];
        }

        var optionErrors = new Dictionary<string, string[]>();
        var options = EmbedQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(target.Query)), optionErrors);
        var segments = path.Trim('/').Split('/');
        var slug = segments switch
        {
            ["crossings", var s] => s,
            ["embed", "crossing", var s] => s,
            _ => null,
        };
        var response = optionErrors.Count > 0 ? null
            : slug is not null && gazetteer.TryGet(slug, out var crossing) ? ForCard(root, crossing, options, maxWidth, maxHeight)
            : segments is ["embed", "map"] ? ForMap(root, target.Query, options, maxWidth, maxHeight)
            : null;
        if (response is null)
        {
            return ApiResults.NotFound("No crossing page, card or map at this URL (GET /api/crossings lists the crossings).");
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Json(response);
    }

    private static OEmbedResponse ForCard(string root, Crossing crossing, EmbedQuery options, int? maxWidth, int? maxHeight)
    {
        // A consumer short of height gets the compact card rather than a clipped full one.
        if (maxHeight is { } limit && options.Height is null && options.Layout == EmbedLayout.Full && options.CardHeight > limit)
        {
            options = options with { Layout = EmbedLayout.Compact };
        }

        var width = Fit(EmbedSnippets.DefaultCardWidth, maxWidth);
        var height = Math.Min(options.CardHeight, maxHeight ?? int.MaxValue);
        var title = $"{options.Text.NameOf(crossing)} · BorderWatch";
        var html = EmbedSnippets.Iframe($"{root}/embed/crossing/{crossing.Slug}{options.ToQuery()}", title, width, height);
        return new OEmbedResponse(title, root, html, width, height);
    }

    private static OEmbedResponse ForMap(string root, string query, EmbedQuery options, int? maxWidth, int? maxHeight)
    {
        var width = Fit(EmbedSnippets.DefaultMapWidth, maxWidth);
        var height = Math.Min(options.Height ?? EmbedSnippets.DefaultMapHeight, maxHeight ?? int.MaxValue);
        const string Title = "Border queues · BorderWatch";
        return new OEmbedResponse(Title, root, EmbedSnippets.Iframe($"{root}/embed/map{query}", Title, width, height), width, height);
    }

    private static int Fit(int preferred, int? max) => max is { } m ? Math.Min(preferred, m) : preferred;

    private static int? Positive(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= MinWidth / 4)
        {
            return value;
        }

        errors[field] = [$"{field} must be a whole number of pixels, at least {MinWidth / 4}."];
        return null;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

/// <summary>An oEmbed 1.0 response of type rich (the names are the spec's).</summary>
public sealed record OEmbedResponse(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("provider_url")] string ProviderUrl,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height)
{
    [JsonPropertyName("type")]
    public string Type => "rich";

    [JsonPropertyName("version")]
    public string Version => "1.0";

    [JsonPropertyName("provider_name")]
    public string ProviderName => "BorderWatch";

    [JsonPropertyName("cache_age")]
    public int CacheAge => OEmbedEndpoints.CacheAgeSeconds;
}
