using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Vision.Badges;
using BorderWatch.Vision.Environment;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Estimates;

namespace BorderWatch.Web.Embeds;

/// <summary>
/// <c>GET /badge/{slug}.svg</c> (and <c>.png</c>): a status badge for READMEs, newsletters and sidebars.
/// <c>?metric=wait|queue|vehicles</c>, <c>&amp;lang=</c>, <c>&amp;units=</c>; PNG also <c>&amp;scale=1–4</c>.
/// </summary>
public static class BadgeEndpoints
{
    public const string CacheControl = "public, max-age=60, stale-while-revalidate=600";

    public static RouteGroupBuilder MapBadgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/badge").WithTags("Embeds").WithMetadata(EmbeddableMetadata.Instance);
        group.MapGet("/{slug}.svg", Svg).WithSummary("A status badge (SVG) for a crossing");
        group.MapGet("/{slug}.png", Png).WithSummary("The status badge as PNG, for places that take no SVG (English, ASCII)");
        return group;
    }

    private static IResult Svg(string slug, HttpContext context, Gazetteer gazetteer, EstimateStore estimates)
    {
        var (badge, error) = Read(slug, context, gazetteer, estimates, allowLanguage: true);
        return error ?? Send(context, badge!.ToSvg(), "image/svg+xml; charset=utf-8");
    }

    private static IResult Png(string slug, HttpContext context, Gazetteer gazetteer, EstimateStore estimates, VisionStatus vision)
    {
        var (badge, error) = Read(slug, context, gazetteer, estimates, allowLanguage: false);
        if (error is not null)
        {
            return error;
        }

        var scale = 1;
        if (context.Request.Query["scale"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out scale) || scale is < 1 or > BadgePngRenderer.MaxScale))
        {
            return ApiResults.Invalid("scale", $"scale must be a whole number from 1 to {BadgePngRenderer.MaxScale}.");
        }

        if (!vision.CanAnalyse)
        {
            return TypedResults.Problem(title: "PNG badges are unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "The image engine (OpenCV) is not installed on this server; use /badge/{slug}.svg.");
        }

        return Send(context, BadgePngRenderer.Render(badge!.Label, badge.Value, badge.Color, scale), "image/png");
    }

    private static (Badge? Badge, IResult? Error) Read(string slug, HttpContext context, Gazetteer gazetteer, EstimateStore estimates, bool allowLanguage)
    {
        if (!gazetteer.TryGet(slug, out var crossing))
        {
            return (null, CrossingEndpoints.UnknownCrossing(slug));
        }

        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var options = EmbedQuery.Parse(query, errors);
        var metric = BadgeMetric.Wait;
        if (query["metric"].ToString() is { Length: > 0 } name)
        {
            BadgeMetric[] matches = [.. Enum.GetValues<BadgeMetric>().Where(m => EmbedQuery.Name(m) == name)];
            if (matches.Length == 1)
            {
                metric = matches[0];
            }
            else
            {
                errors["metric"] = ["metric must be one of wait, queue, vehicles."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, ApiResults.Invalid(errors, "Some badge options are not valid."));
        }

        // Hershey fonts draw ASCII only: the PNG speaks English whatever lang says.
        var text = allowLanguage ? options.Text : EmbedText.English;
        var badge = Badge.For(crossing, estimates.Get(slug), metric, text, new EmbedFormat(text, options.Units));
        return (badge, null);
    }

    private static IResult Send(HttpContext context, byte[] body, string contentType)
    {
        var etag = EmbedCardStore.EntityTag(body);
        return EmbedEndpoints.NotModified(context, etag, CacheControl)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(body, contentType);
    }
}
