using BorderWatch.Core.Readings;

namespace BorderWatch.Data.Readings;

/// <summary>A row of the reading query below, as Dapper materialises it.</summary>
internal sealed class ReadingRow
{
    public const string Select = Columns + "\n" +
        """
        FROM readings r
        JOIN crossings c ON c.id = r.crossing_id
        LEFT JOIN sources s ON s.id = r.source_id
        LEFT JOIN images i ON i.id = r.image_id
        """;

    /// <summary>
    /// Joins that let the crossing drive the search: for each crossing, its current readings through the partial
    /// index <c>ix_readings_current</c>. Without <c>INDEXED BY</c> SQLite takes "superseded_by_id IS NULL" for a
    /// one-row lookup in that column's UNIQUE index and scans every current reading.
    /// </summary>
    public const string FromCrossingsFirst =
        """
        FROM crossings c
        CROSS JOIN readings r INDEXED BY ix_readings_current
        LEFT JOIN sources s ON s.id = r.source_id
        LEFT JOIN images i ON i.id = r.image_id
        """;

    public const string Columns =
        """
        SELECT r.id AS Id, c.slug AS Crossing, r.observed_at AS ObservedAt, r.received_at AS ReceivedAt,
               r.kind AS Kind, r.direction AS Direction, r.queue_km AS QueueKm, r.vehicles AS Vehicles,
               r.wait_hours AS WaitHours, r.confidence AS Confidence, r.status AS Status,
               s.name AS SourceName, s.url AS SourceUrl, s.source_type AS SourceType, r.excerpt AS Excerpt,
               i.uid AS ImageUid, r.version AS Version, r.supersedes_id AS SupersedesId,
               r.superseded_by_id AS SupersededById, r.is_demo AS IsDemo
        """;

    public long Id { get; set; }
    public string Crossing { get; set; } = "";
    public long ObservedAt { get; set; }
    public long ReceivedAt { get; set; }
    public string Kind { get; set; } = "";
    public string Direction { get; set; } = "";
    public double? QueueKm { get; set; }
    public double? Vehicles { get; set; }
    public double? WaitHours { get; set; }
    public double Confidence { get; set; }
    public string Status { get; set; } = "";
    public string? SourceName { get; set; }
    public string? SourceUrl { get; set; }
    public string? SourceType { get; set; }
    public string? Excerpt { get; set; }
    public string? ImageUid { get; set; }
    public long Version { get; set; }
    public long? SupersedesId { get; set; }
    public long? SupersededById { get; set; }
    public bool IsDemo { get; set; }

    public Reading ToReading() => new()
    {
        Id = Id,
        Crossing = Crossing,
        ObservedAt = UnixTime.FromMs(ObservedAt),
        ReceivedAt = UnixTime.FromMs(ReceivedAt),
        Kind = ReadingNames.TryParseKind(Kind, out var kind) ? kind : throw new InvalidDataException($"Reading {Id} has unknown kind '{Kind}'."),
        Direction = ReadingNames.TryParseDirection(Direction, out var direction) ? direction : Core.Readings.Direction.Unknown,
        QueueKm = QueueKm,
        Vehicles = Vehicles,
        WaitHours = WaitHours,
        Confidence = Confidence,
        Status = ReadingNames.TryParseStatus(Status, out var status) ? status : throw new InvalidDataException($"Reading {Id} has unknown status '{Status}'."),
        Source = new Provenance(SourceName, SourceUrl, SourceType, Excerpt, ImageUid),
        Version = (int)Version,
        Supersedes = SupersedesId,
        SupersededBy = SupersededById,
        IsDemo = IsDemo,
    };
}
