using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Estimates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BorderWatch.Web.Endpoints;

/// <summary><c>/api/crossings</c>: the gazetteer with current estimates, and each crossing's readings.</summary>
public static class CrossingEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapCrossingEndpoints(this IEndpointRouteBuilder app)
    {
        // Read-only and public: widgets on other sites may call it from the browser.
        var group = app.MapGroup("/api/crossings").WithTags("Crossings").RequireCors(Embeds.EmbedCors.ReadOnlyPolicy);
        group.MapGet("/", List).WithSummary("All crossings with their current estimate");
        group.MapGet("/{slug}", Get).WithSummary("One crossing with its current estimate");
        group.MapGet("/{slug}/readings", ListReadings)
            .WithSummary("Readings at a crossing, newest first (current versions only)");
        return group;
    }

    private static Ok<CrossingView[]> List(Gazetteer gazetteer, EstimateStore estimates) =>
        TypedResults.Ok(gazetteer.Crossings.Select(c => CrossingView.From(c, estimates.Get(c.Slug))).ToArray());

    private static Results<Ok<CrossingView>, ProblemHttpResult> Get(string slug, Gazetteer gazetteer, EstimateStore estimates) =>
        gazetteer.TryGet(slug, out var crossing)
            ? TypedResults.Ok(CrossingView.From(crossing, estimates.Get(slug)))
            : UnknownCrossing(slug);

    /// <param name="slug">Crossing slug.</param>
    /// <param name="from">Earliest observation time (ISO 8601), inclusive.</param>
    /// <param name="to">Latest observation time (ISO 8601), inclusive.</param>
    /// <param name="limit">At most this many readings (1–1000, default 100).</param>
    /// <param name="gazetteer">The crossings.</param>
    /// <param name="readings">The readings store.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<Reading[]>, ProblemHttpResult, ValidationProblem>> ListReadings(
        string slug, string? from, string? to, string? limit, Gazetteer gazetteer, ReadingRepository readings, CancellationToken cancellationToken)
    {
        if (!gazetteer.Contains(slug))
        {
            return UnknownCrossing(slug);
        }

        var errors = new Dictionary<string, string[]>();
        var fromTime = ParseTime(from, "from", errors);
        var toTime = ParseTime(to, "to", errors);
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        if (fromTime > toTime)
        {
            errors["from"] = ["from is after to."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some query parameters are not valid.");
        }

        var list = await readings.ListAsync(slug, fromTime, toTime, count, cancellationToken);
        return TypedResults.Ok(list.ToArray());
    }

    internal static DateTimeOffset? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[field] = [$"{field} must be an ISO 8601 date or date-time, e.g. 2022-09-24T12:00:00Z."];
        return null;
    }

    internal static ProblemHttpResult UnknownCrossing(string slug) =>
        ApiResults.NotFound($"There is no crossing '{(slug.Length > 60 ? slug[..60] + "…" : slug)}'. GET /api/crossings lists the valid slugs.");
}
