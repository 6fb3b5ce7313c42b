using BorderWatch.Core.Crossings;
using BorderWatch.Core.Summaries;
using BorderWatch.Data.Summaries;
using BorderWatch.Web.Exports;
using BorderWatch.Web.Exports.Formats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BorderWatch.Web.Endpoints;

/// <summary><c>/api/summaries/daily</c>: per-crossing per-local-day summaries in CSV (with HXL), XLSX, JSON or GeoJSON.</summary>
public static class SummaryEndpoints
{
    public static RouteGroupBuilder MapSummaryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/summaries").WithTags("Summaries");
        group.MapGet("/daily", Daily)
            .WithSummary("Daily summaries per crossing per local day: csv (RFC 4180, optional HXL row), xlsx, json or geojson")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ["application/json", "application/geo+json", ExportFormat.Xlsx.ContentType()])
            .ProducesValidationProblem();
        group.MapGet("/daily/provenance", Provenance)
            .WithSummary("Where a daily summary export's numbers come from: methodology, rules, readings and sources counted");
        return group;
    }

    /// <param name="from">First local date (YYYY-MM-DD); default 6 days before today (UTC).</param>
    /// <param name="to">Last local date (YYYY-MM-DD); default tomorrow (UTC), today's date east of UTC.</param>
    /// <param name="crossing">One crossing's slug; all crossings when absent.</param>
    /// <param name="format">csv, json (default), xlsx or geojson.</param>
    /// <param name="hxl">true adds the HXL hashtag row under the header (csv and xlsx).</param>
    /// <param name="context">The request.</param>
    /// <param name="summaries">The summary store.</param>
    /// <param name="gazetteer">The crossings.</param>
    /// <param name="time">The clock.</param>
    private static async Task<IResult> Daily(
        string? from, string? to, string? crossing, string? format, string? hxl,
        HttpContext context, DailySummaryRepository summaries, Gazetteer gazetteer, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        var query = ExportQueryParameters.Parse(from, to, crossing, gazetteer, DateOnly.FromDateTime(now.UtcDateTime), errors);
        var exportFormat = ExportFormat.Json;
        if (format is not null && !ExportFormats.TryParse(format, out exportFormat))
        {
            errors["format"] = ["format must be csv, json, xlsx or geojson."];
        }

        var withHxl = ExportQueryParameters.ParseBool(hxl, "hxl", errors) ?? false;
        if (withHxl && errors.Count == 0 && !exportFormat.SupportsHxl())
        {
            errors["hxl"] = ["hxl=true adds a hashtag row to csv and xlsx; json and geojson carry named fields instead."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some query parameters are not valid.");
        }

        var order = exportFormat == ExportFormat.GeoJson ? SummaryOrder.ByCrossing : SummaryOrder.ByDate;
        // CSV carries no provenance (its Link header points to it), so it skips the source list.
        var export = await summaries.OpenAsync(query!, now, order, withSources: exportFormat != ExportFormat.Csv, context.RequestAborted);
        var provenanceLink = $"</api/summaries/daily/provenance{context.Request.QueryString}>; rel=\"describedby\"; type=\"application/json\"";
        var crossings = gazetteer.Crossings.Where(c => query!.Crossing is null || c.Slug == query.Crossing);
        return new StreamedFileResult(
            exportFormat.ContentType(),
            SummaryFormats.FileName(query!.From, query.To, query.Crossing, exportFormat.Name()),
            (stream, token) => SummaryFormats.WriteAsync(exportFormat, export.Provenance, export.ReadAsync(token), crossings, stream, withHxl, token),
            export,
            provenanceLink);
    }

    /// <param name="from">First local date (YYYY-MM-DD).</param>
    /// <param name="to">Last local date (YYYY-MM-DD).</param>
    /// <param name="crossing">One crossing's slug, or all.</param>
    /// <param name="summaries">The summary store.</param>
    /// <param name="gazetteer">The crossings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="format">Accepted and ignored, so the Link of any export works unchanged.</param>
    /// <param name="hxl">Accepted and ignored, as format.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<SummaryProvenance>, ValidationProblem>> Provenance(
        string? from, string? to, string? crossing, DailySummaryRepository summaries, Gazetteer gazetteer, TimeProvider time,
        string? format, string? hxl, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        var query = ExportQueryParameters.Parse(from, to, crossing, gazetteer, DateOnly.FromDateTime(now.UtcDateTime), errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some query parameters are not valid.");
        }

        await using var export = await summaries.OpenAsync(query!, now, SummaryOrder.ByDate, withSources: true, cancellationToken);
        return TypedResults.Ok(export.Provenance);
    }
}
