using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Audit;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Ingest;

namespace BorderWatch.Web.Reports;

/// <summary>
/// Review decisions on pending readings. Readings are immutable: accepting, correcting or rejecting stores a new
/// version; moving a reading to another crossing rejects it and stores a new reading there. Every decision is audited
/// with the reviewer's name (the key or analyst, never a reporter).
/// </summary>
public sealed class ReviewService(
    ReadingRepository readings,
    IngestPipeline ingest,
    AuditRepository audit,
    Gazetteer gazetteer,
    TimeProvider time)
{
    /// <summary>A reading a person has confirmed is believed at least this much (its source type still weighs it).</summary>
    public const double ReviewedConfidence = 0.9;

    public async Task<ReviewOutcome> DecideAsync(long readingId, ReviewDecision decision, string actor, long? apiKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var previous = await readings.GetAsync(readingId, cancellationToken);
        if (previous is null)
        {
            return ReviewOutcome.Failed(ReviewFailure.NotFound, $"There is no reading {readingId}.");
        }

        if (previous.SupersededBy is { } newer)
        {
            return ReviewOutcome.Failed(ReviewFailure.Conflict, $"Reading {readingId} was already decided (newer version {newer}); reload the queue.");
        }

        var now = time.GetUtcNow();
        var id = readingId.ToString(CultureInfo.InvariantCulture);
        try
        {
            switch (decision.Action)
            {
                case ReviewAction.Reject:
                {
                    var rejected = await ingest.AddVersionAsync(readingId, previous with { Status = ReadingStatus.Rejected, ReceivedAt = now }, apiKeyId, CancellationToken.None);
                    await AuditAsync(actor, "review.rejected", id, new() { ["newVersionId"] = rejected.Id, ["note"] = decision.Note });
                    return ReviewOutcome.Done(rejected);
                }

                case ReviewAction.Accept:
                {
                    var accepted = await ingest.AddVersionAsync(readingId, previous with
                    {
                        Status = ReadingStatus.Accepted,
                        Confidence = Math.Max(previous.Confidence, ReviewedConfidence),
                        ReceivedAt = now,
                    }, apiKeyId, CancellationToken.None);
                    await AuditAsync(actor, "review.accepted", id, new() { ["newVersionId"] = accepted.Id, ["note"] = decision.Note });
                    return ReviewOutcome.Done(accepted);
                }

                default:
                    return await EditAsync(previous, decision, actor, apiKeyId, now);
            }
        }
        catch (ReadingVersionConflictException ex)
        {
            return ReviewOutcome.Failed(ReviewFailure.Conflict, ex.Message);
        }
    }

    private async Task<ReviewOutcome> EditAsync(Reading previous, ReviewDecision decision, string actor, long? apiKeyId, DateTimeOffset now)
    {
        var corrected = previous with
        {
            QueueKm = decision.QueueKm,
            Vehicles = decision.Vehicles,
            WaitHours = decision.WaitHours,
            Direction = decision.Direction ?? previous.Direction,
            Status = ReadingStatus.Accepted,
            Confidence = Math.Max(previous.Confidence, ReviewedConfidence),
            ReceivedAt = now,
        };
        var id = previous.Id.ToString(CultureInfo.InvariantCulture);
        var changes = new Dictionary<string, object?>
        {
            ["queueKm"] = new[] { previous.QueueKm, corrected.QueueKm },
            ["vehicles"] = new[] { previous.Vehicles, corrected.Vehicles },
            ["waitHours"] = new[] { previous.WaitHours, corrected.WaitHours },
            ["direction"] = new[] { previous.Direction.Name(), corrected.Direction.Name() },
            ["note"] = decision.Note,
        };

        if (decision.Crossing is { } crossing && crossing != previous.Crossing)
        {
            // A version cannot move to another crossing: the old one is rejected and the reading stored where it belongs.
            var rejected = await ingest.AddVersionAsync(previous.Id, previous with { Status = ReadingStatus.Rejected, ReceivedAt = now }, apiKeyId, CancellationToken.None);
            var moved = await ingest.AddAsync(corrected with { Crossing = crossing, Id = 0, Version = 1, Supersedes = null, SupersededBy = null }, apiKeyId, CancellationToken.None);
            changes["crossing"] = new[] { previous.Crossing, crossing };
            changes["rejectedVersionId"] = rejected.Id;
            changes["newReadingId"] = moved.Id;
            await AuditAsync(actor, "review.moved", id, changes);
            return ReviewOutcome.Done(moved);
        }

        var stored = await ingest.AddVersionAsync(previous.Id, corrected, apiKeyId, CancellationToken.None);
        changes["newVersionId"] = stored.Id;
        await AuditAsync(actor, "review.corrected", id, changes);
        return ReviewOutcome.Done(stored);
    }

    /// <summary>Checks an edit: the crossing exists and at least one figure is within the plausible limits.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (decision.Action != ReviewAction.Edit)
        {
            return errors;
        }

        if (decision.Crossing is { } crossing && !gazetteer.Contains(crossing))
        {
            errors["crossing"] = [$"Unknown crossing '{crossing}'."];
        }

        void Check(double? value, string field, double max)
        {
            if (value is { } v && (!double.IsFinite(v) || v < 0 || v > max))
            {
                errors[field] = [$"{field} must be between 0 and {max.ToString(CultureInfo.InvariantCulture)}."];
            }
        }

        Check(decision.QueueKm, "queueKm", ReadingLimits.MaxQueueKm);
        Check(decision.Vehicles, "vehicles", ReadingLimits.MaxVehicles);
        Check(decision.WaitHours, "waitHours", ReadingLimits.MaxWaitHours);
        if (decision.QueueKm is null && decision.Vehicles is null && decision.WaitHours is null)
        {
            errors["queueKm"] = ["A corrected reading needs at least one of queueKm, vehicles or waitHours."];
        }

        return errors;
    }

    private Task AuditAsync(string actor, string action, string readingId, Dictionary<string, object?> detail) =>
        audit.AppendAsync(new AuditEntry(time.GetUtcNow(), actor, action, "reading", readingId, detail), CancellationToken.None);
}

/// <summary>What the reviewer decided.</summary>
public enum ReviewAction
{
    Accept,
    Reject,
    Edit,
}

/// <summary>A review decision. For <see cref="ReviewAction.Edit"/> the figures given replace the extracted ones.</summary>
public sealed record ReviewDecision(
    ReviewAction Action,
    double? QueueKm = null,
    double? Vehicles = null,
    double? WaitHours = null,
    Direction? Direction = null,
    string? Crossing = null,
    string? Note = null);

public enum ReviewFailure
{
    None,
    NotFound,
    Conflict,
}

/// <summary>The stored version (or moved reading), or why the decision could not be stored.</summary>
public sealed record ReviewOutcome(Reading? Reading, ReviewFailure Failure, string? Message)
{
    public static ReviewOutcome Done(Reading reading) => new(reading, ReviewFailure.None, null);

    public static ReviewOutcome Failed(ReviewFailure failure, string message) => new(null, failure, message);
}
