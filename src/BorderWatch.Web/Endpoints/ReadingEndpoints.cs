using System.Globalization;
using System.Security.Claims;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Audit;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Ingest;
using BorderWatch.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BorderWatch.Web.Endpoints;

/// <summary><c>/api/readings</c>: manual readings, corrections, and the catch-up feed for reconnecting clients.</summary>
public static class ReadingEndpoints
{
    /// <summary>A reading is a few hundred bytes; anything near this is not a reading.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapReadingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/readings").WithTags("Readings");
        group.MapPost("/", Add)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxBodyBytes))
            .Accepts<ReadingInput>("application/json")
            .WithSummary("Store a manual reading (kind defaults to manual)");
        group.MapPost("/{id:long}/corrections", Correct)
            .RequireAuthorization(AuthorizationSetup.WritePolicy)
            .WithMetadata(new RequestSizeLimitMetadata(MaxBodyBytes))
            .Accepts<ReadingInput>("application/json")
            .WithSummary("Store a correction as a new version of a reading");
        group.MapGet("/{id:long}", Get).WithSummary("One reading version");
        group.MapGet("/cursor", Cursor)
            .WithSummary("The id of the newest stored reading: where a client that starts watching now should catch up from");
        group.MapGet("/", ListAfter)
            .WithSummary("Readings stored after a given id, oldest first: what a reconnecting client missed");
        return group;
    }

    private static async Task<IResult> Add(HttpRequest request, ReadingValidator validator, IngestPipeline ingest, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<ReadingInput>(request, MaxBodyBytes);
        if (error is not null)
        {
            return error;
        }

        var result = validator.Validate(input!);
        if (!result.IsValid)
        {
            return ApiResults.Invalid(result.Errors.ToDictionary());
        }

        // The client's wait ends here, but a queued reading is still stored: don't cancel the write itself.
        var stored = await ingest.AddAsync(result.Reading!, user.KeyId(), CancellationToken.None);
        return TypedResults.Created($"/api/readings/{stored.Id.ToString(CultureInfo.InvariantCulture)}", stored);
    }

    private static async Task<IResult> Correct(
        long id, HttpRequest request, ReadingValidator validator, ReadingRepository readings, IngestPipeline ingest, AuditRepository audit,
        ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (input, error) = await ApiResults.ReadJsonAsync<ReadingInput>(request, MaxBodyBytes);
        if (error is not null)
        {
            return error;
        }

        var previous = await readings.GetAsync(id, cancellationToken);
        if (previous is null)
        {
            return ApiResults.NotFound($"There is no reading {id}.");
        }

        if (input!.Crossing is { } crossing && crossing != previous.Crossing)
        {
            return ApiResults.Invalid("crossing", "A correction cannot move a reading to another crossing; store a new reading instead.");
        }

        var result = validator.Validate(input with { Crossing = previous.Crossing, Kind = input.Kind ?? previous.Kind.Name() });
        if (!result.IsValid)
        {
            return ApiResults.Invalid(result.Errors.ToDictionary());
        }

        try
        {
            var stored = await ingest.AddVersionAsync(id, result.Reading! with { IsDemo = previous.IsDemo }, user.KeyId(), CancellationToken.None);
            await audit.AppendAsync(new AuditEntry(time.GetUtcNow(), user.ActorName(), "reading.corrected", "reading", id.ToString(CultureInfo.InvariantCulture),
                new Dictionary<string, object?> { ["newVersionId"] = stored.Id, ["version"] = stored.Version }), CancellationToken.None);
            return TypedResults.Created($"/api/readings/{stored.Id.ToString(CultureInfo.InvariantCulture)}", stored);
        }
        catch (ReadingVersionConflictException ex)
        {
            return TypedResults.Problem(title: "Already corrected", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Ok<ReadingCursor>> Cursor(ReadingRepository readings, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReadingCursor(await readings.GetLastIdAsync(cancellationToken)));

    private static async Task<Results<Ok<Reading>, ProblemHttpResult>> Get(long id, ReadingRepository readings, CancellationToken cancellationToken) =>
        await readings.GetAsync(id, cancellationToken) is { } reading
            ? TypedResults.Ok(reading)
            : ApiResults.NotFound($"There is no reading {id}.");

    /// <param name="after">Return readings with an id greater than this (0 for the oldest).</param>
    /// <param name="crossing">Only this crossing.</param>
    /// <param name="limit">At most this many (1–1000, default 100).</param>
    /// <param name="readings">The readings store.</param>
    /// <param name="gazetteer">The crossings.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<Reading[]>, ValidationProblem, ProblemHttpResult>> ListAfter(
        string? after, string? crossing, string? limit, ReadingRepository readings, Core.Crossings.Gazetteer gazetteer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        long afterId = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterId)))
        {
            errors["after"] = ["after must be a reading id (a whole number, 0 or more)."];
        }

        var count = CrossingEndpoints.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > CrossingEndpoints.MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {CrossingEndpoints.MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "Some query parameters are not valid.");
        }

        if (crossing is not null && !gazetteer.Contains(crossing))
        {
            return CrossingEndpoints.UnknownCrossing(crossing);
        }

        return TypedResults.Ok((await readings.ListAfterAsync(afterId, count, crossing, cancellationToken)).ToArray());
    }
}

/// <param name="LastId">The newest reading id; pass it as <c>after</c> to get only what comes later.</param>
public sealed record ReadingCursor(long LastId);
