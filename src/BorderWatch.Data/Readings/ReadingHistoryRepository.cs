using BorderWatch.Core.Readings;
using BorderWatch.Data.Crossings;
using Dapper;

namespace BorderWatch.Data.Readings;

/// <summary>
/// Readings over periods of time, for the views that look back: the timeline replay of the map and the crossing
/// page's chart with its "typical" band. Only accepted current versions: what the estimates are made of.
/// </summary>
public sealed class ReadingHistoryRepository(SqliteDatabase database, CrossingRepository crossings)
{
    /// <summary>
    /// Accepted current readings of every crossing observed in [<paramref name="from"/>, <paramref name="to"/>],
    /// oldest first, at most <paramref name="limit"/>. Only what fusion needs is filled in (no excerpt, no source
    /// name): a replay holds many of them at once.
    /// </summary>
    public async Task<IReadOnlyList<Reading>> ListAcceptedAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        var slugs = (await crossings.GetIdsAsync(cancellationToken)).ToDictionary(p => p.Value, p => p.Key);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT r.id, r.crossing_id, r.observed_at, r.received_at, r.kind, r.direction, r.queue_km, r.vehicles,
                   r.wait_hours, r.confidence, s.source_type, r.is_demo
            FROM readings r LEFT JOIN sources s ON s.id = r.source_id
            WHERE r.observed_at >= $from AND r.observed_at <= $to
              AND r.superseded_by_id IS NULL AND r.status = 'accepted'
            ORDER BY r.observed_at, r.id
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$from", UnixTime.ToMs(from));
        command.Parameters.AddWithValue("$to", UnixTime.ToMs(to));
        command.Parameters.AddWithValue("$limit", limit);

        // Many thousands of rows share a handful of source types: one Provenance each, not one per row.
        var provenances = new Dictionary<string, Provenance>(StringComparer.Ordinal);
        var list = new List<Reading>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sourceType = reader.IsDBNull(10) ? null : reader.GetString(10);
            var provenance = Provenance.None;
            if (sourceType is not null && !provenances.TryGetValue(sourceType, out provenance!))
            {
                provenance = provenances[sourceType] = new Provenance(SourceType: sourceType);
            }

            list.Add(new Reading
            {
                Id = reader.GetInt64(0),
                Crossing = slugs.TryGetValue(reader.GetInt64(1), out var slug) ? slug : "",
                ObservedAt = UnixTime.FromMs(reader.GetInt64(2)),
                ReceivedAt = UnixTime.FromMs(reader.GetInt64(3)),
                Kind = ReadingNames.TryParseKind(reader.GetString(4), out var kind) ? kind : ReadingKind.Manual,
                Direction = ReadingNames.TryParseDirection(reader.GetString(5), out var direction) ? direction : Direction.Unknown,
                QueueKm = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                Vehicles = reader.IsDBNull(7) ? null : reader.GetDouble(7),
                WaitHours = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                Confidence = reader.GetDouble(9),
                Source = provenance,
                IsDemo = reader.GetInt64(11) != 0,
            });
        }

        return list;
    }

    /// <summary>
    /// Hourly means of each quantity at one crossing, per direction, for hours starting in
    /// [<paramref name="from"/>, <paramref name="to"/>). Hours without readings are absent.
    /// </summary>
    public async Task<IReadOnlyList<HourlyMean>> GetHourlyMeansAsync(string crossing, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HourlyRow>(
            """
            SELECT (r.observed_at / 3600000) * 3600000 AS HourStart, r.direction AS Direction,
                   AVG(r.queue_km) AS QueueKm, AVG(r.vehicles) AS Vehicles, AVG(r.wait_hours) AS WaitHours, COUNT(*) AS Count
            FROM readings r
            WHERE r.crossing_id = (SELECT id FROM crossings WHERE slug = @crossing)
              AND r.superseded_by_id IS NULL AND r.status = 'accepted'
              AND r.observed_at >= @from AND r.observed_at < @to
            GROUP BY HourStart, r.direction
            ORDER BY HourStart
            """,
            new { crossing, from = UnixTime.ToMs(from), to = UnixTime.ToMs(to) });
        return [.. rows.Select(r => new HourlyMean(
            UnixTime.FromMs(r.HourStart),
            ReadingNames.TryParseDirection(r.Direction, out var direction) ? direction : Direction.Unknown,
            r.QueueKm, r.Vehicles, r.WaitHours, (int)r.Count))];
    }

    /// <summary>Observation times of the oldest and newest stored readings (null when there are none).</summary>
    public async Task<(DateTimeOffset Oldest, DateTimeOffset Newest)?> GetExtentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (oldest, newest) = await connection.QuerySingleAsync<(long?, long?)>("SELECT MIN(observed_at), MAX(observed_at) FROM readings");
        return oldest is { } o && newest is { } n ? (UnixTime.FromMs(o), UnixTime.FromMs(n)) : null;
    }

    /// <summary>True when demo readings were observed in the period (uses the time index, so it is cheap).</summary>
    public async Task<bool> HasDemoReadingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(
            "SELECT 1 FROM readings WHERE observed_at >= @from AND observed_at <= @to AND is_demo = 1 LIMIT 1",
            new { from = UnixTime.ToMs(from), to = UnixTime.ToMs(to) }) is not null;
    }

    private sealed class HourlyRow
    {
        public long HourStart { get; set; }
        public string Direction { get; set; } = "";
        public double? QueueKm { get; set; }
        public double? Vehicles { get; set; }
        public double? WaitHours { get; set; }
        public long Count { get; set; }
    }
}

/// <summary>The mean of each quantity over the readings of one hour and direction (null: none reported it).</summary>
public sealed record HourlyMean(DateTimeOffset HourStart, Direction Direction, double? QueueKm, double? Vehicles, double? WaitHours, int Count);
