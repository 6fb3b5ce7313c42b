using System.Collections.Concurrent;
using BorderWatch.Core.Readings;
using BorderWatch.Data.Crossings;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Readings;

/// <summary>Stores and queries readings. Rows are immutable: corrections are new versions.</summary>
public sealed class ReadingRepository(SqliteDatabase database, CrossingRepository crossings)
{
    private const string InsertSql =
        """
        INSERT INTO readings (crossing_id, observed_at, received_at, kind, direction, queue_km, vehicles, wait_hours,
                              confidence, status, source_id, excerpt, image_id, version, supersedes_id, is_demo, api_key_id)
        VALUES ($crossing, $observed, $received, $kind, $direction, $km, $vehicles, $wait,
                $confidence, $status, $source, $excerpt, (SELECT id FROM images WHERE uid = $image), $version, $supersedes, $demo, $key)
        RETURNING id
        """;

    /// <summary>Source ids by identity; filled only after a commit, so a rollback never leaves a dangling id.</summary>
    private readonly ConcurrentDictionary<string, long> _sourceIds = new(StringComparer.Ordinal);

    /// <summary>Inserts readings in one transaction: all of them are stored, or none.</summary>
    /// <returns>The stored readings, with their new ids, in input order.</returns>
    public async Task<IReadOnlyList<Reading>> InsertAsync(IReadOnlyList<ReadingToStore> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        var crossingIds = await crossings.GetIdsAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var newSources = new Dictionary<string, long>(StringComparer.Ordinal);
        var reportIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var stored = new Reading[batch.Count];

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql;
        var parameters = new[]
        {
            "$crossing", "$observed", "$received", "$kind", "$direction", "$km", "$vehicles", "$wait",
            "$confidence", "$status", "$source", "$excerpt", "$image", "$version", "$supersedes", "$demo", "$key",
        }.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Prepare();

        for (var i = 0; i < batch.Count; i++)
        {
            var (reading, apiKeyId, evidence) = batch[i];
            if (!crossingIds.TryGetValue(reading.Crossing, out var crossingId))
            {
                throw new ArgumentException($"Unknown crossing '{reading.Crossing}'.", nameof(batch));
            }

            var sourceId = await GetOrAddSourceAsync(connection, transaction, reading.Source, newSources, reading.ReceivedAt);
            object?[] values =
            [
                crossingId, UnixTime.ToMs(reading.ObservedAt), UnixTime.ToMs(reading.ReceivedAt), reading.Kind.Name(),
                reading.Direction.Name(), reading.QueueKm, reading.Vehicles, reading.WaitHours, reading.Confidence,
                reading.Status.Name(), sourceId, reading.Source.Excerpt, reading.Source.ImageId, reading.Version,
                reading.Supersedes, reading.IsDemo ? 1 : 0, apiKeyId,
            ];
            for (var p = 0; p < values.Length; p++)
            {
                parameters[p].Value = values[p] ?? DBNull.Value;
            }

            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            if (evidence is not null)
            {
                // Same transaction: a reading from a report is stored with its evidence, or not at all.
                await Reports.EvidenceRows.AddAsync(connection, transaction, evidence, id, sourceId, apiKeyId, reportIds);
            }

            stored[i] = reading with { Id = id, SupersededBy = null };
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (identity, id) in newSources)
        {
            _sourceIds[identity] = id;
        }

        return stored;
    }

    /// <summary>
    /// Stores <paramref name="correction"/> as the next version of reading <paramref name="previousId"/>.
    /// Fails when that reading does not exist or already has a newer version (someone corrected it first).
    /// </summary>
    public async Task<Reading> AddVersionAsync(long previousId, Reading correction, long? apiKeyId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correction);
        var crossingIds = await crossings.GetIdsAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var previous = await connection.QuerySingleOrDefaultAsync<ReadingRow>(ReadingRow.Select + " WHERE r.id = @previousId", new { previousId }, transaction)
            ?? throw new KeyNotFoundException($"Reading {previousId} does not exist.");
        if (previous.SupersededById is { } newer)
        {
            throw new ReadingVersionConflictException(previousId, newer);
        }

        var newSources = new Dictionary<string, long>(StringComparer.Ordinal);
        var sourceId = await GetOrAddSourceAsync(connection, transaction, correction.Source, newSources, correction.ReceivedAt);
        var next = correction with { Crossing = previous.Crossing, Version = (int)previous.Version + 1, Supersedes = previousId };
        var id = await connection.ExecuteScalarAsync<long>(
            InsertSql.Replace('$', '@'),
            new
            {
                crossing = crossingIds[next.Crossing],
                observed = UnixTime.ToMs(next.ObservedAt),
                received = UnixTime.ToMs(next.ReceivedAt),
                kind = next.Kind.Name(),
                direction = next.Direction.Name(),
                km = next.QueueKm,
                vehicles = next.Vehicles,
                wait = next.WaitHours,
                confidence = next.Confidence,
                status = next.Status.Name(),
                source = sourceId,
                excerpt = next.Source.Excerpt,
                image = next.Source.ImageId,
                version = next.Version,
                supersedes = previousId,
                demo = next.IsDemo ? 1 : 0,
                key = apiKeyId,
            },
            transaction);
        await connection.ExecuteAsync("UPDATE readings SET superseded_by_id = @id WHERE id = @previousId", new { id, previousId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (identity, sid) in newSources)
        {
            _sourceIds[identity] = sid;
        }

        return next with { Id = id };
    }

    public async Task<Reading?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReadingRow>(ReadingRow.Select + " WHERE r.id = @id", new { id });
        return row?.ToReading();
    }

    /// <summary>Current versions at a crossing, newest observation first.</summary>
    public async Task<IReadOnlyList<Reading>> ListAsync(string crossing, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(
            ReadingRow.Select +
            """
             WHERE r.crossing_id = (SELECT id FROM crossings WHERE slug = @crossing)
               AND r.superseded_by_id IS NULL
               AND r.observed_at >= @from AND r.observed_at <= @to
             ORDER BY r.observed_at DESC, r.id DESC
             LIMIT @limit
            """,
            new
            {
                crossing,
                from = from is { } f ? UnixTime.ToMs(f) : long.MinValue,
                to = to is { } t ? UnixTime.ToMs(t) : long.MaxValue,
                limit,
            });
        return [.. rows.Select(r => r.ToReading())];
    }

    /// <summary>Every version stored after <paramref name="afterId"/>, oldest first: what a reconnecting client missed.</summary>
    public async Task<IReadOnlyList<Reading>> ListAfterAsync(long afterId, int limit, string? crossing = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(
            ReadingRow.Select +
            """
             WHERE r.id > @afterId AND (@crossing IS NULL OR c.slug = @crossing)
             ORDER BY r.id
             LIMIT @limit
            """,
            new { afterId, crossing, limit });
        return [.. rows.Select(r => r.ToReading())];
    }

    /// <summary>The highest reading id stored so far (0 when empty).</summary>
    public async Task<long> GetLastIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM readings") ?? 0;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM readings");
    }

    /// <summary>
    /// Per crossing: accepted current readings within @window of its newest one not after @now. The subquery
    /// depends only on the crossing, so SQLite evaluates it once per crossing to bound the index range.
    /// </summary>
    private const string FusionWindow =
        """
        WHERE r.crossing_id = c.id AND r.superseded_by_id IS NULL AND r.status = 'accepted'
          AND r.observed_at <= @now
          AND r.observed_at > (SELECT MAX(x.observed_at) FROM readings x INDEXED BY ix_readings_current
                               WHERE x.crossing_id = c.id AND x.superseded_by_id IS NULL
                                 AND x.status = 'accepted' AND x.observed_at <= @now) - @window
        """;

    /// <summary>
    /// The accepted current readings a crossing's estimate is fused from: those within <paramref name="window"/>
    /// of its newest accepted reading that is not after <paramref name="now"/>.
    /// </summary>
    public async Task<IReadOnlyList<Reading>> GetFusionInputsAsync(string crossing, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(
            ReadingRow.Columns + "\n" + ReadingRow.FromCrossingsFirst + "\n" + FusionWindow + " AND c.slug = @crossing ORDER BY r.observed_at DESC LIMIT 5000",
            new { crossing, now = UnixTime.ToMs(now), window = (long)window.TotalMilliseconds });
        return [.. rows.Select(r => r.ToReading())];
    }

    /// <summary>Fusion inputs for every crossing at once (used to warm the estimates at start).</summary>
    public async Task<ILookup<string, Reading>> GetFusionInputsForAllAsync(TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(
            ReadingRow.Columns + "\n" + ReadingRow.FromCrossingsFirst + "\n" + FusionWindow,
            new { now = UnixTime.ToMs(now), window = (long)window.TotalMilliseconds });
        return rows.Select(r => r.ToReading()).ToLookup(r => r.Crossing, StringComparer.Ordinal);
    }

    private async Task<long?> GetOrAddSourceAsync(
        SqliteConnection connection, SqliteTransaction transaction, Provenance source, Dictionary<string, long> added, DateTimeOffset now)
    {
        var identity = SourceIdentity.Of(source.Name, source.Url);
        if (identity is null)
        {
            return null;
        }

        if (_sourceIds.TryGetValue(identity, out var known) || added.TryGetValue(identity, out known))
        {
            return known;
        }

        var id = (await SourceRows.GetOrAddAsync(connection, transaction, source, now))!.Value;
        added[identity] = id;
        return id;
    }
}

/// <summary>Thrown when a reading already has a newer version.</summary>
public sealed class ReadingVersionConflictException(long readingId, long newerId)
    : InvalidOperationException($"Reading {readingId} was already corrected by reading {newerId}; correct the newest version.")
{
    public long ReadingId { get; } = readingId;
    public long NewerId { get; } = newerId;
}
