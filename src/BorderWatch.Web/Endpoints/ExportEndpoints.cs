using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Summaries;
using BorderWatch.Data.Exports;
using BorderWatch.Web.Configuration;
using BorderWatch.Web.Exports;
using BorderWatch.Web.Exports.Formats;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Endpoints;

/// <summary><c>/api/exports</c>: the raw readings export, and the scheduled export's runs.</summary>
public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exports").WithTags("Exports");
        group.MapGet("/readings", Readings)
            .WithSummary("The accepted current readings behind the summaries, streamed: csv (optional HXL row) or jsonl")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ["application/x-ndjson"])
            .ProducesValidationProblem();
        group.MapGet("/runs", Runs).WithSummary("The newest runs of the daily export, with their outcome");
        group.MapPost("/runs", Run)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithSummary("Run the daily export now, for ?date=YYYY-MM-DD (default: yesterday in the schedule's time zone)");
        return group;
    }

    /// <param name="from">First local date (YYYY-MM-DD).</param>
    /// <param name="to">Last local date (YYYY-MM-DD).</param>
    /// <param name="crossing">One crossing's slug, or all.</param>
    /// <param name="format">csv (default) or jsonl.</param>
    /// <param name="hxl">true adds the HXL hashtag row (csv).</param>
    /// <param name="readings">The export reader.</param>
    /// <param name="gazetteer">The crossings.</param>
    /// <param name="time">The clock.</param>
    private static IResult Readings(
        string? from, string? to, string? crossing, string? format, string? hxl,
        ReadingExportRepository readings, Gazetteer gazetteer, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ExportQueryParameters.Parse(from, to, crossing, gazetteer, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors);
        var exportFormat = ReadingExportFormat.Csv;
        if (format is not null && !ExportFormats.TryParse(format, out exportFormat))
        {
            errors["format"] = ["format must be csv or jsonl."];
        }

        var withHxl = ExportQueryParameters.ParseBool(hxl, "hxl", errors) ?? false;
        if (withHxl && exportFormat != ReadingExportFormat.Csv)
        {
            errors["hxl"] = ["hxl=true applies to csv only."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some query parameters are not valid.");
        }

        var name = SummaryFormats.FileName(query!.From, query.To, query.Crossing, exportFormat.Name()).Replace("-daily-", "-readings-", StringComparison.Ordinal);
        return new StreamedFileResult(
            exportFormat.ContentType(),
            name,
            (stream, token) => ReadingFormats.WriteAsync(exportFormat, readings.ReadAsync(query, token), stream, withHxl, token));
    }

    /// <param name="limit">At most this many runs (1–200, default 30).</param>
    /// <param name="runs">The run history.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<ExportRun[]>, ValidationProblem>> Runs(string? limit, ExportRunRepository runs, CancellationToken cancellationToken)
    {
        var count = 30;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 200))
        {
            return ApiResults.Invalid("limit", "limit must be a whole number from 1 to 200.");
        }

        return TypedResults.Ok((await runs.ListAsync(count, cancellationToken)).ToArray());
    }

    /// <param name="date">The local date to export (YYYY-MM-DD); default yesterday in Exports:ScheduleTimeZone.</param>
    /// <param name="job">The export job.</param>
    /// <param name="options">Export settings.</param>
    /// <param name="time">The clock.</param>
    private static async Task<Results<Created<ExportRun>, ValidationProblem>> Run(string? date, DailyExportJob job, IOptions<ExportOptions> options, TimeProvider time)
    {
        DateOnly day;
        if (date is null)
        {
            day = LocalDays.DateOf(time.GetUtcNow(), options.Value.TimeZone).AddDays(-1);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ApiResults.Invalid("date", "date must be a local date as YYYY-MM-DD.");
        }

        // The run is not tied to this request: a client that stops waiting does not leave half an export.
        var run = await job.RunAsync(day, DailyExportJob.ManualTrigger, CancellationToken.None);
        return TypedResults.Created($"/api/exports/runs/{run.Id.ToString(CultureInfo.InvariantCulture)}", run);
    }
}
