using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Serialization;
using BorderWatch.Web.Components;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Hubs;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// The widgets journalists embed: <c>/embed/crossing/{slug}</c> (a card) and <c>/embed/map</c> (a small map), static
/// HTML plus one small script that follows the hub, and their JSON for readers whose network blocks WebSockets.
/// </summary>
public static class EmbedEndpoints
{
    /// <summary>Widgets may be a minute old in a cache: the script brings them up to date as soon as it connects.</summary>
    public const string PageCacheControl = "public, max-age=60, stale-while-revalidate=600";

    public const string DataCacheControl = "public, max-age=15, stale-while-revalidate=60";

    public const int MaxMapCrossings = 60;

    public static RouteGroupBuilder MapEmbedEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/embed").WithTags("Embeds").WithMetadata(EmbeddableMetadata.Instance);
        group.MapGet("/crossing/{slug}", CardPage)
            .WithSummary("A crossing card to embed in an iframe (theme, lang, units, layout, height)");
        group.MapGet("/crossing/{slug}/card.json", CardJson).RequireCors(EmbedCors.ReadOnlyPolicy)
            .WithSummary("The card's data: what the widget polls when it cannot keep a live connection");
        group.MapGet("/map", MapPage)
            .WithSummary("A small map of crossings to embed (crossings=a,b; from, to for a past moment)");
        group.MapGet("/map/data.json", MapJson).RequireCors(EmbedCors.ReadOnlyPolicy)
            .WithSummary("The map widget's data");
        return group;
    }

    private static async Task<IResult> CardPage(
        string slug, HttpContext context, Gazetteer gazetteer, EmbedCardStore cards, EmbedAssets assets, EmbedDocuments documents,
        CancellationToken cancellationToken)
    {
        if (!gazetteer.TryGet(slug, out var crossing))
        {
            return CrossingEndpoints.UnknownCrossing(slug);
        }

        var errors = new Dictionary<string, string[]>();
        var options = EmbedQuery.Parse(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some widget options are not valid.");
        }

        var card = await cards.GetAsync(crossing, cancellationToken);
        var scriptUrl = assets.Url("embed/embed.js");
        // The document links back with absolute URLs, so the host is part of the variant.
        var etag = EmbedCardStore.EntityTag(Encoding.UTF8.GetBytes(card.ETag + options.ToQuery() + scriptUrl + Root(context.Request)));
        if (NotModified(context, etag, PageCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var document = await documents.GetAsync<EmbedCardDocument>(etag, () =>
        {
            var root = Root(context.Request);
            var config = new
            {
                kind = "card",
                slug = crossing.Slug,
                units = EmbedQuery.Name(options.Units),
                text = options.Text,
                card = card.Card,
                hub = root + QueuesHub.Route,
                poll = $"{root}/embed/crossing/{crossing.Slug}/card.json",
                signalr = root + assets.Url("lib/signalr/signalr.min.js"),
                severityHours = Format.SeverityHours,
            };
            var page = new EmbedPage(assets.Inline("embed/card.css").Text, Json(config), root + scriptUrl,
                OEmbedEndpoints.DiscoveryUrl(root, $"{root}/embed/crossing/{crossing.Slug}{options.ToQuery()}"),
                $"{root}/crossings/{crossing.Slug}");
            return new Dictionary<string, object?>
            {
                [nameof(EmbedCardDocument.Crossing)] = crossing,
                [nameof(EmbedCardDocument.Card)] = card.Card,
                [nameof(EmbedCardDocument.Options)] = options,
                [nameof(EmbedCardDocument.Page)] = page,
            };
        });
        context.Response.Headers.ContentSecurityPolicy = PageCsp(assets.Inline("embed/card.css").Hash);
        return EmbedDocuments.Send(context, document);
    }

    private static async Task<IResult> CardJson(string slug, HttpContext context, Gazetteer gazetteer, EmbedCardStore cards, CancellationToken cancellationToken)
    {
        if (!gazetteer.TryGet(slug, out var crossing))
        {
            return CrossingEndpoints.UnknownCrossing(slug);
        }

        var card = await cards.GetAsync(crossing, cancellationToken);
        if (NotModified(context, card.ETag, DataCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(card.Json, "application/json");
    }

    private static async Task<IResult> MapPage(
        HttpContext context, EmbedCardStore cards, EmbedAssets assets, EmbedDocuments documents, CancellationToken cancellationToken)
    {
        var (map, error) = await ReadMapAsync(context, cards, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var root = Root(context.Request);
        var scriptUrl = assets.Url("embed/embed.js");
        var data = Json(map!.Crossings);
        var etag = EmbedCardStore.EntityTag(Encoding.UTF8.GetBytes(data + context.Request.QueryString + scriptUrl + root));
        if (NotModified(context, etag, map.Live ? PageCacheControl : HistoricalCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var document = await documents.GetAsync<EmbedMapDocument>(etag, () =>
        {
            var config = new
            {
                kind = "map",
                units = EmbedQuery.Name(map.Options.Units),
                text = map.Options.Text,
                crossings = map.Crossings,
                live = map.Live,
                hub = root + QueuesHub.Route,
                poll = $"{root}/embed/map/data.json{context.Request.QueryString}",
                signalr = root + assets.Url("lib/signalr/signalr.min.js"),
                leaflet = root + assets.Url("lib/leaflet/leaflet.js"),
                topojson = root + assets.Url("lib/topojson-client/topojson-client.min.js"),
                atlas = root + assets.Url("lib/world-atlas/countries-110m.json"),
                atlasDetailed = root + assets.Url("lib/world-atlas/countries-50m.json"),
                severityHours = Format.SeverityHours,
            };
            var page = new EmbedPage(assets.Inline("embed/map.css").Text, Json(config), root + scriptUrl,
                OEmbedEndpoints.DiscoveryUrl(root, root + "/embed/map" + context.Request.QueryString), root + "/crossings");
            return new Dictionary<string, object?>
            {
                [nameof(EmbedMapDocument.Options)] = map.Options,
                [nameof(EmbedMapDocument.Page)] = page,
                [nameof(EmbedMapDocument.LeafletCssUrl)] = root + assets.Url("lib/leaflet/leaflet.css"),
                [nameof(EmbedMapDocument.AsOf)] = map.To,
            };
        });
        context.Response.Headers.ContentSecurityPolicy = PageCsp(assets.Inline("embed/map.css").Hash);
        return EmbedDocuments.Send(context, document);
    }

    private const string HistoricalCacheControl = "public, max-age=3600";

    private static async Task<IResult> MapJson(HttpContext context, EmbedCardStore cards, CancellationToken cancellationToken)
    {
        var (map, error) = await ReadMapAsync(context, cards, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(map!.Crossings, BorderWatchJson.Options);
        if (NotModified(context, EmbedCardStore.EntityTag(json), map.Live ? DataCacheControl : HistoricalCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(json, "application/json");
    }

    private sealed record MapRequest(EmbedQuery Options, IReadOnlyList<EmbedMapCrossing> Crossings, bool Live, DateTimeOffset? To);

    private static async Task<(MapRequest? Map, IResult? Error)> ReadMapAsync(HttpContext context, EmbedCardStore cards, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var options = EmbedQuery.Parse(query, errors);
        var from = CrossingEndpoints.ParseTime(query["from"], "from", errors);
        var to = CrossingEndpoints.ParseTime(query["to"], "to", errors);
        if (from is not null && to is null && !errors.ContainsKey("from"))
        {
            errors["to"] = ["to is required with from: the map shows the queues at the moment 'to', from readings since 'from'."];
        }

        if (from > to)
        {
            errors["from"] = ["from is after to."];
        }

        var slugs = query["crossings"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = new List<string>();
        IReadOnlyList<Crossing> crossings = slugs.Length == 0 ? cards.AllCrossings : cards.Resolve(slugs, unknown);
        if (unknown.Count > 0)
        {
            var shown = string.Join(", ", unknown.Take(5).Select(s => s.Length > 40 ? s[..40] + "…" : s));
            errors["crossings"] = [$"Unknown crossing(s): {shown}. GET /api/crossings lists the valid slugs."];
        }
        else if (crossings.Count > MaxMapCrossings)
        {
            errors["crossings"] = [$"A map shows at most {MaxMapCrossings} crossings."];
        }

        if (errors.Count > 0)
        {
            return (null, ApiResults.Invalid(errors, "Some map options are not valid."));
        }

        var estimates = await cards.GetMapAsync(crossings, from, to, cancellationToken);
        var items = estimates.Select(e => new EmbedMapCrossing(e.Crossing.Slug, options.Text.NameOf(e.Crossing), e.Crossing.Latitude, e.Crossing.Longitude, e.Estimate)).ToArray();
        return (new MapRequest(options, items, to is null, to), null);
    }

    /// <summary>Sets the validators and answers true when the client's copy is current (the caller sends 304).</summary>
    internal static bool NotModified(HttpContext context, string etag, string cacheControl)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = cacheControl;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag));
    }

    /// <summary>Scheme, host and path base of the request: widgets link back to the server that served them.</summary>
    internal static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string Json(object value) => JsonSerializer.Serialize(value, BorderWatchJson.Options);

    /// <summary>
    /// The widget may run only its own script, talk only to its own server, and be framed by anyone. The inline
    /// stylesheet is allowed by its hash, not by 'unsafe-inline'; Leaflet positions tiles through the CSSOM, which CSP
    /// does not restrict.
    /// </summary>
    private static string PageCsp(string styleHash) =>
        $"default-src 'none'; script-src 'self'; style-src 'self' '{styleHash}'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors *";

    internal static string Sha256Source(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
