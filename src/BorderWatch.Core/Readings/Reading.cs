namespace BorderWatch.Core.Readings;

/// <summary>
/// One time-stamped observation of a queue at a crossing. Stored readings are immutable: a correction is a new
/// version whose <see cref="Supersedes"/> points at the previous one.
/// </summary>
public sealed record Reading
{
    /// <summary>Database sequence number: increases with every stored reading, so clients can ask for what they missed.</summary>
    public long Id { get; init; }

    public required string Crossing { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required ReadingKind Kind { get; init; }
    public Direction Direction { get; init; } = Direction.Unknown;
    public double? QueueKm { get; init; }
    public double? Vehicles { get; init; }
    public double? WaitHours { get; init; }

    /// <summary>How much the source and extraction deserve to be believed, in [0, 1].</summary>
    public required double Confidence { get; init; }

    public ReadingStatus Status { get; init; } = ReadingStatus.Accepted;
    public Provenance Source { get; init; } = Provenance.None;

    public int Version { get; init; } = 1;
    public long? Supersedes { get; init; }
    public long? SupersededBy { get; init; }

    /// <summary>True for readings made up by the demo seeder or simulator, never real observations.</summary>
    public bool IsDemo { get; init; }

    public bool IsCurrentVersion => SupersededBy is null;
}

/// <summary>Where a reading came from: enough for a reader to find the original.</summary>
/// <param name="Name">Human-readable source, e.g. "Finnish Border Guard" or "Telegram @channel".</param>
/// <param name="Url">Link to the original post, page or feed, when there is one.</param>
/// <param name="SourceType">official | camera | media | crowd | agent | demo.</param>
/// <param name="Excerpt">The words the numbers were taken from (reports), for the analyst to check.</param>
/// <param name="ImageId">Identifier of the redacted stored image (image readings).</param>
public sealed record Provenance(
    string? Name = null,
    string? Url = null,
    string? SourceType = null,
    string? Excerpt = null,
    string? ImageId = null)
{
    public static Provenance None { get; } = new();
}
