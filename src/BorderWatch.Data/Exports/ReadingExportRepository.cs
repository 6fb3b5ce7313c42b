using System.Runtime.CompilerServices;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Summaries;
using BorderWatch.Data.Summaries;

namespace BorderWatch.Data.Exports;

/// <summary>One accepted, current reading as the raw export writes it.</summary>
/// <remarks>
/// <c>LocalDate</c> is the crossing-local date: the summary row the reading counts in. <c>SourceName</c> and
/// <c>SourceUrl</c> are null for crowd and untyped sources, which may be people (see
/// <see cref="SummaryProvenance.PublicSourceTypes"/>).
/// </remarks>
public sealed record ExportedReading(
    long Id, string Crossing, DateOnly LocalDate, DateTimeOffset ObservedAt, DateTimeOffset ReceivedAt, ReadingKind Kind,
    Direction Direction, double? Vehicles, double? QueueKm, double? WaitHours, double Confidence, string? SourceType,
    string? SourceName, string? SourceUrl, int Version, long? Supersedes, bool IsDemo);

/// <summary>
/// Streams the readings behind the summaries, crossing by crossing and in time order, straight from the database
/// cursor: memory stays flat however many millions of rows are exported.
/// </summary>
public sealed class ReadingExportRepository(SqliteDatabase database, DailySummaryRepository summaries)
{
    // Crossings in slug order, their local days in date order, and the readings of each day through the
    // (crossing_id, observed_at) index: the rows come out ordered without SQLite sorting (or buffering) them. CROSS
    // JOIN keeps that loop order and INDEXED BY that index: without statistics SQLite would rather scan every reading
    // (it takes "superseded_by_id IS NULL" for a one-row lookup in the UNIQUE index on that column) and sort.
    private const string Sql =
        """
        SELECT r.id, c.slug, l.local_date, r.observed_at, r.received_at, r.kind, r.direction, r.vehicles, r.queue_km,
               r.wait_hours, r.confidence, s.source_type, s.name, s.url, r.version, r.supersedes_id, r.is_demo, c.id
        FROM crossings c
        CROSS JOIN local_days l
        CROSS JOIN readings r INDEXED BY ix_readings_current
        LEFT JOIN sources s ON s.id = r.source_id
        WHERE l.time_zone = c.time_zone AND l.local_date BETWEEN $from AND $to
          AND r.crossing_id = c.id AND r.observed_at >= l.starts_at AND r.observed_at < l.ends_at
          AND r.superseded_by_id IS NULL AND r.status = 'accepted' AND ($crossing IS NULL OR c.slug = $crossing)
        ORDER BY c.slug, l.local_date, r.observed_at, r.id
        """;

    /// <summary>The accepted current readings of the query's local days, ordered by crossing, then time.</summary>
    public async IAsyncEnumerable<ExportedReading> ReadAsync(SummaryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await summaries.EnsureLocalDaysAsync(connection, query.Crossing, query.From, query.To, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$from", LocalDayTable.Format(query.From));
        command.Parameters.AddWithValue("$to", LocalDayTable.Format(query.To));
        command.Parameters.AddWithValue("$crossing", (object?)query.Crossing ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        // Many readings share a crossing and a day: reuse those strings instead of allocating one per row.
        string slug = "", dateText = "";
        var crossingId = -1L;
        var date = default(DateOnly);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt64(17) != crossingId)
            {
                crossingId = reader.GetInt64(17);
                slug = reader.GetString(1);
            }

            var localDate = reader.GetString(2);
            if (!string.Equals(localDate, dateText, StringComparison.Ordinal))
            {
                dateText = localDate;
                date = LocalDayTable.Parse(localDate);
            }

            var type = reader.IsDBNull(11) ? null : reader.GetString(11);
            var publishable = type is not null && SummaryProvenance.PublicSourceTypes.Contains(type);
            yield return new ExportedReading(
                reader.GetInt64(0),
                slug,
                date,
                UnixTime.FromMs(reader.GetInt64(3)),
                UnixTime.FromMs(reader.GetInt64(4)),
                ReadingNames.TryParseKind(reader.GetString(5), out var kind) ? kind : throw new InvalidDataException($"Reading {reader.GetInt64(0)} has an unknown kind."),
                ReadingNames.TryParseDirection(reader.GetString(6), out var direction) ? direction : Direction.Unknown,
                reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetDouble(9),
                reader.GetDouble(10),
                type,
                publishable && !reader.IsDBNull(12) ? reader.GetString(12) : null,
                publishable && !reader.IsDBNull(13) ? reader.GetString(13) : null,
                reader.GetInt32(14),
                reader.IsDBNull(15) ? null : reader.GetInt64(15),
                reader.GetInt64(16) != 0);
        }
    }
}
