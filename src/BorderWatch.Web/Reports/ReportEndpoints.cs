using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Reports.Sources;
using BorderWatch.Data.Feeds;
using BorderWatch.Data.Reports;
using BorderWatch.Web.Endpoints;
using BorderWatch.Web.Reports.Feeds;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BorderWatch.Web.Reports;

/// <summary>
/// <c>/api/reports</c> (text → readings: dry run, store, bulk import), <c>/api/review</c> (the review queue and its
/// decisions) and <c>/api/feeds</c> (feed polling state).
/// </summary>
public static class ReportEndpoints
{
    /// <summary>A report of <see cref="ReportLimits.MaxTextLength"/> characters in any script, as JSON, fits well within this.</summary>
    public const long MaxReportBytes = 256 * 1024;

    /// <summary>Bulk imports: a large Telegram channel export.</summary>
    public const long MaxImportBytes = 20 * 1024 * 1024;

    public const int DefaultReviewLimit = 50;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapPost("/parse", Parse)
            .RequireRateLimiting(AnonymousRateLimits.Policy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxReportBytes))
            .Accepts<ReportInput>("application/json")
            .WithSummary("Dry run: the readings a report would give. Nothing is stored");
        reports.MapPost("/", Store)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxReportBytes))
            .Accepts<ReportInput>("application/json")
            .WithSummary("Store a report and its readings: confident ones accepted, uncertain ones pending review");
        reports.MapPost("/import", Import)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxImportBytes))
            .WithSummary("Import many reports: format=jsonl (one report per line), csv (header row) or telegram (a Telegram Desktop result.json)");
        reports.MapGet("/{id}", GetReport).WithSummary("A stored report (never its text) and its readings");

        var review = app.MapGroup("/api/review").WithTags("Review").RequireAuthorization(AuthorizationSetup.WritePolicy);
        review.MapGet("/", Pending).WithSummary("Readings waiting for review, newest first, with their evidence");
        review.MapPost("/{id:long}", Decide)
            .WithMetadata(new RequestSizeLimitMetadata(16 * 1024))
            .Accepts<ReviewInput>("application/json")
            .WithSummary("Accept, correct or reject a pending reading: stored as a new version and audited");

        var feeds = app.MapGroup("/api/feeds").WithTags("Feeds").RequireAuthorization(AuthorizationSetup.WritePolicy);
        feeds.MapGet("/", FeedStates).WithSummary("Configured feeds and their last poll");
        feeds.MapPost("/poll", PollNow).WithSummary("Poll every configured feed now");
        return app;
    }

    private static async Task<IResult> Parse(HttpRequest request, ReportInputValidator validator, ReportIngest ingest)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<ReportInput>(request, MaxReportBytes);
        if (error is not null)
        {
            return error;
        }

        var errors = validator.Validate(input!);
        return errors.Count > 0 ? ApiResults.Invalid(errors.ToDictionary(), "Some fields are not valid.") : TypedResults.Ok(ingest.Parse(input!));
    }

    private static async Task<IResult> Store(HttpRequest request, ReportInputValidator validator, ReportIngest ingest, ClaimsPrincipal user)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<ReportInput>(request, MaxReportBytes);
        if (error is not null)
        {
            return error;
        }

        var errors = validator.Validate(input!);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors.ToDictionary());
        }

        var outcome = await ingest.StoreAsync(input!, user.KeyId(), CancellationToken.None);
        var body = ReportStored.From(outcome, input!.Id);
        return outcome.Duplicate == ReportDuplicate.None
            ? TypedResults.Created($"/api/reports/{outcome.ReportId}", body)
            : TypedResults.Ok(body);
    }

    /// <param name="format">jsonl, csv or telegram.</param>
    /// <param name="channel">For telegram: the public channel's @username, so message links work.</param>
    /// <param name="sourceType">For telegram: the source type of the channel (default crowd).</param>
    /// <param name="request">The file as the request body.</param>
    /// <param name="validator">Report checks.</param>
    /// <param name="ingest">Stores reports.</param>
    /// <param name="user">Who imports.</param>
    private static async Task<IResult> Import(string? format, string? channel, string? sourceType, HttpRequest request, ReportInputValidator validator, ReportIngest ingest, ClaimsPrincipal user)
    {
        if (format is not ("jsonl" or "csv" or "telegram"))
        {
            return ApiResults.Invalid("format", "format must be jsonl, csv or telegram.");
        }

        if (sourceType is not null && !ReadingLimits.SourceTypes.Contains(sourceType))
        {
            return ApiResults.Invalid("sourceType", $"sourceType must be one of {string.Join(", ", ReadingLimits.SourceTypes)}.");
        }

        if (request.ContentLength > MaxImportBytes)
        {
            return TypedResults.Problem(title: "Request body too large", detail: $"Imports are limited to {MaxImportBytes:N0} bytes; split the file.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // Read and check everything first: an import is stored completely or not at all (nothing half-imported).
        List<ImportedReport> lines;
        try
        {
            lines = await ReadImportAsync(format, request.Body, channel, sourceType ?? "crowd", request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            return ApiResults.Invalid("$", ex.Message);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ApiResults.Invalid("$", $"The file is not valid JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(title: "Request body too large", detail: $"Imports are limited to {MaxImportBytes:N0} bytes; split the file.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"lines[{line.Line}]");
            if (line.Error is not null)
            {
                errors[key] = [line.Error];
                continue;
            }

            foreach (var (field, messages) in validator.Validate(line.Report!, key + "."))
            {
                errors[field] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some lines are not valid; nothing was imported.");
        }

        if (lines.Count > ReportLimits.MaxImportReports)
        {
            return ApiResults.Invalid("$", $"An import holds at most {ReportLimits.MaxImportReports:N0} reports; split the file.");
        }

        var summary = new ImportSummary();
        foreach (var line in lines)
        {
            var outcome = await ingest.StoreAsync(line.Report!, user.KeyId(), CancellationToken.None);
            summary.Add(outcome);
        }

        return TypedResults.Ok(summary);
    }

    private static async Task<List<ImportedReport>> ReadImportAsync(string format, Stream body, string? channel, string sourceType, CancellationToken cancellationToken)
    {
        // Buffer (within the size limit) so the synchronous readers never block a request thread on the socket.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        switch (format)
        {
            case "telegram":
                var chat = TelegramExport.Read(buffer, channel, sourceType);
                return [.. chat.Reports.Select((r, i) => new ImportedReport(i + 1, r, null))];
            case "csv":
                using (var reader = new StreamReader(buffer))
                {
                    return [.. ReportFiles.ReadCsv(reader)];
                }

            default:
                using (var reader = new StreamReader(buffer))
                {
                    return [.. ReportFiles.ReadJsonl(reader)];
                }
        }
    }

    private static async Task<Results<Ok<ReportView>, ProblemHttpResult>> GetReport(string id, ReportRepository reports, CancellationToken cancellationToken)
    {
        var report = await reports.GetByUidAsync(id, cancellationToken);
        if (report is null)
        {
            return ApiResults.NotFound($"There is no report '{id}'.");
        }

        return TypedResults.Ok(new ReportView(report.Uid, report.DuplicateOfUid, report.Language, report.PublishedAt, report.ReceivedAt,
            report.SourceName, report.SourceUrl, report.SourceType, [.. await reports.ReadingsOfAsync(report.Id, cancellationToken)]));
    }

    /// <param name="limit">At most this many (1–500, default 50).</param>
    /// <param name="review">The review queue.</param>
    /// <param name="reports">Evidence of the readings.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<PendingReading[]>, ValidationProblem>> Pending(string? limit, ReviewRepository review, ReportRepository reports, CancellationToken cancellationToken)
    {
        var count = DefaultReviewLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 500))
        {
            return ApiResults.Invalid("limit", "limit must be a whole number from 1 to 500.");
        }

        var pending = await review.ListPendingAsync(count, cancellationToken);
        var evidence = await reports.EvidenceForAsync([.. pending.Select(r => r.Id)], cancellationToken);
        return TypedResults.Ok(pending.Select(r => new PendingReading(r, evidence.GetValueOrDefault(r.Id) ?? EvidenceView.None(r.Id))).ToArray());
    }

    private static async Task<IResult> Decide(long id, HttpRequest request, ReviewService review, ClaimsPrincipal user)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<ReviewInput>(request, 16 * 1024);
        if (error is not null)
        {
            return error;
        }

        if (!Enum.TryParse<ReviewAction>(input!.Decision, ignoreCase: true, out var action) || !input.Decision!.All(char.IsAsciiLetterLower))
        {
            return ApiResults.Invalid("decision", "decision must be accept, reject or edit.");
        }

        Direction? direction = null;
        if (input.Direction is not null)
        {
            if (!ReadingNames.TryParseDirection(input.Direction, out var parsed))
            {
                return ApiResults.Invalid("direction", "direction must be one of outbound, inbound, unknown.");
            }

            direction = parsed;
        }

        var decision = new ReviewDecision(action, input.QueueKm, input.Vehicles, input.WaitHours, direction, input.Crossing, input.Note);
        var errors = review.Validate(decision);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors.ToDictionary());
        }

        var outcome = await review.DecideAsync(id, decision, user.ActorName(), user.KeyId(), CancellationToken.None);
        return outcome.Failure switch
        {
            ReviewFailure.NotFound => ApiResults.NotFound(outcome.Message!),
            ReviewFailure.Conflict => TypedResults.Problem(title: "Already decided", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Created($"/api/readings/{outcome.Reading!.Id.ToString(CultureInfo.InvariantCulture)}", outcome.Reading),
        };
    }

    private static async Task<Ok<FeedStatus[]>> FeedStates(FeedPoller poller, FeedStateRepository states, CancellationToken cancellationToken)
    {
        var known = (await states.ListAsync(cancellationToken)).ToDictionary(s => s.Feed, StringComparer.Ordinal);
        return TypedResults.Ok(poller.Feeds.Select(f => new FeedStatus(f.Kind.ToString().ToLowerInvariant(), f.Name, f.Url, f.PollEvery.TotalMinutes, known.GetValueOrDefault(f.StateKey))).ToArray());
    }

    private static async Task<Ok<FeedPollSummary>> PollNow(FeedPoller poller, CancellationToken cancellationToken) =>
        TypedResults.Ok(await poller.PollAllAsync(force: true, cancellationToken));
}

/// <summary>The answer to <c>POST /api/reports</c>.</summary>
/// <param name="ReportId">The stored report (for a duplicate URL: the earlier one).</param>
/// <param name="Id">The sender's id, echoed.</param>
/// <param name="Duplicate">null, "url" (posted before: nothing stored) or "text" (a repost: stored as a further source).</param>
/// <param name="DuplicateOf">The original report of a repost.</param>
/// <param name="Language">Detected language.</param>
/// <param name="Readings">Stored readings (for duplicates: the original's).</param>
/// <param name="Corroborates">Readings from other reports this report repeated (their first versions).</param>
public sealed record ReportStored(string ReportId, string? Id, string? Duplicate, string? DuplicateOf, string Language, IReadOnlyList<Reading> Readings, IReadOnlyList<long> Corroborates)
{
    public static ReportStored From(ReportOutcome outcome, string? id)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var duplicate = outcome.Duplicate switch
        {
            ReportDuplicate.SameUrl => "url",
            ReportDuplicate.SameText => "text",
            _ => null,
        };
        return new ReportStored(outcome.ReportId, id, duplicate, outcome.DuplicateOf, outcome.Language, outcome.Readings, outcome.Corroborates);
    }
}

/// <summary>What an import stored.</summary>
public sealed class ImportSummary
{
    public int Reports { get; private set; }
    public int Readings { get; private set; }
    public int Pending { get; private set; }
    public int Duplicates { get; private set; }
    public int Corroborations { get; private set; }
    public int WithoutReadings { get; private set; }

    public void Add(ReportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Reports++;
        if (outcome.Duplicate != ReportDuplicate.None)
        {
            Duplicates++;
            return;
        }

        Readings += outcome.Readings.Count;
        Pending += outcome.Readings.Count(r => r.Status == ReadingStatus.Pending);
        Corroborations += outcome.Corroborates.Count;
        if (outcome.Readings.Count == 0 && outcome.Corroborates.Count == 0)
        {
            WithoutReadings++;
        }
    }
}

/// <summary>A stored report: where it came from and its readings. Its text is not kept.</summary>
public sealed record ReportView(
    string Id, string? DuplicateOf, string? Language, DateTimeOffset? PublishedAt, DateTimeOffset ReceivedAt,
    string? SourceName, string? SourceUrl, string? SourceType, IReadOnlyList<Reading> Readings);

/// <summary>A reading in the review queue with the evidence a reviewer needs.</summary>
public sealed record PendingReading(Reading Reading, EvidenceView Evidence);

/// <summary>A review decision as a client sends it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReviewInput
{
    /// <summary>accept, reject or edit.</summary>
    public string? Decision { get; init; }

    public double? QueueKm { get; init; }
    public double? Vehicles { get; init; }
    public double? WaitHours { get; init; }
    public string? Direction { get; init; }

    /// <summary>For edit: the crossing it really is (moves the reading).</summary>
    public string? Crossing { get; init; }

    /// <summary>Why, for the audit log.</summary>
    public string? Note { get; init; }
}

/// <summary>A configured feed and its last poll.</summary>
public sealed record FeedStatus(string Kind, string Name, string Url, double PollEveryMinutes, FeedState? LastPoll);
