using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Data.Readings;
using Dapper;

namespace BorderWatch.Data.Reports;

/// <summary>
/// Reports and the evidence behind report readings: duplicate lookups (same URL, same text, same quoted sentence),
/// reposts stored as further sources of the original readings, and evidence for the review and comparison views.
/// </summary>
public sealed class ReportRepository(SqliteDatabase database)
{
    /// <summary>The report already stored for a post URL.</summary>
    public async Task<StoredReport?> FindByUrlAsync(string urlIdentity, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Uid, long? DuplicateOf, long Received)?>(
            "SELECT id, uid, duplicate_of_id, received_at FROM reports WHERE url_identity = @urlIdentity",
            new { urlIdentity });
        return row is { } r ? new StoredReport(r.Id, r.Uid, r.DuplicateOf, UnixTime.FromMs(r.Received)) : null;
    }

    /// <summary>The first report with this normalised text received since <paramref name="since"/> (not itself a repost).</summary>
    public async Task<StoredReport?> FindByTextHashAsync(string textHash, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<(long Id, string Uid, long? DuplicateOf, long Received)?>(
            """
            SELECT id, uid, duplicate_of_id, received_at FROM reports
            WHERE text_hash = @textHash AND received_at >= @since AND duplicate_of_id IS NULL
            ORDER BY id LIMIT 1
            """,
            new { textHash, since = UnixTime.ToMs(since) });
        return row is { } r ? new StoredReport(r.Id, r.Uid, r.DuplicateOf, UnixTime.FromMs(r.Received)) : null;
    }

    /// <summary>
    /// The first version of a reading at <paramref name="crossing"/> whose evidence sentence has this hash and that was
    /// observed since <paramref name="observedSince"/>: a quote of the same post in another report.
    /// </summary>
    public async Task<long?> FindReadingByEvidenceAsync(string evidenceHash, string crossing, DateTimeOffset observedSince, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<long?>(
            """
            SELECT e.reading_id FROM reading_evidence e
            JOIN readings r ON r.id = e.reading_id
            JOIN crossings c ON c.id = r.crossing_id
            WHERE e.evidence_hash = @evidenceHash AND c.slug = @crossing AND r.observed_at >= @since
            ORDER BY e.reading_id LIMIT 1
            """,
            new { evidenceHash, crossing, since = UnixTime.ToMs(observedSince) });
    }

    /// <summary>
    /// Stores a report that adds no new reading (a repost, a quote, or a report without figures), recording its source
    /// as a further source of <paramref name="corroborates"/> (first-version reading ids). One transaction.
    /// </summary>
    /// <returns>The report's row id.</returns>
    public async Task<long> AddAsync(
        ReportRecord report, Provenance source, long? apiKeyId, long? duplicateOf, IReadOnlyCollection<(long ReadingId, string? Excerpt)> corroborates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(corroborates);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var sourceId = await SourceRows.GetOrAddAsync(connection, transaction, source, report.ReceivedAt);
        var id = await EvidenceRows.InsertReportAsync(connection, transaction, report, sourceId, apiKeyId, duplicateOf);
        if (sourceId is { } sid)
        {
            foreach (var (readingId, excerpt) in corroborates)
            {
                // A second repost by the same source adds nothing: one row per reading and source.
                await connection.ExecuteAsync(
                    "INSERT OR IGNORE INTO reading_sources (reading_id, source_id, excerpt, seen_at) VALUES (@readingId, @sid, @excerpt, @now)",
                    new { readingId, sid, excerpt, now = UnixTime.ToMs(report.ReceivedAt) },
                    transaction);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Current versions of the readings made from a report (or from the report it reposts).</summary>
    public async Task<IReadOnlyList<Reading>> ReadingsOfAsync(long reportId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(
            """
            WITH RECURSIVE original(id) AS (
                SELECT COALESCE(duplicate_of_id, id) FROM reports WHERE id = @reportId),
            chain(id, next) AS (
                SELECT r.id, r.superseded_by_id FROM reading_evidence e JOIN readings r ON r.id = e.reading_id
                WHERE e.report_id = (SELECT id FROM original)
                UNION ALL
                SELECT r.id, r.superseded_by_id FROM chain JOIN readings r ON r.id = chain.next)
            """ + ReadingRow.Select + " WHERE r.id IN (SELECT id FROM chain WHERE next IS NULL) ORDER BY r.id",
            new { reportId });
        return [.. rows.Select(r => r.ToReading())];
    }

    /// <summary>Evidence of each reading (any version: it is looked up on the first version), and how many other sources repeated it.</summary>
    public async Task<IReadOnlyDictionary<long, EvidenceView>> EvidenceForAsync(IReadOnlyCollection<long> readingIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readingIds);
        if (readingIds.Count == 0)
        {
            return new Dictionary<long, EvidenceView>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EvidenceRow>(
            """
            WITH RECURSIVE back(current_id, id, prev) AS (
                SELECT r.id, r.id, r.supersedes_id FROM readings r WHERE r.id IN (SELECT value FROM json_each(@ids))
                UNION ALL
                SELECT b.current_id, p.id, p.supersedes_id FROM back b JOIN readings p ON p.id = b.prev)
            SELECT b.current_id AS ReadingId, b.id AS FirstVersionId, rep.uid AS ReportUid, e.language AS Language,
                   e.highlights AS Highlights, e.notes AS Notes, e.candidates AS Candidates, e.quantities AS Quantities,
                   (SELECT COUNT(*) FROM reading_sources rs WHERE rs.reading_id = b.id) AS Corroborations
            FROM back b
            LEFT JOIN reading_evidence e ON e.reading_id = b.id
            LEFT JOIN reports rep ON rep.id = e.report_id
            WHERE b.prev IS NULL
            """,
            new { ids = JsonSerializer.Serialize(readingIds) });
        return rows.ToDictionary(r => r.ReadingId, r => r.ToView());
    }

    /// <summary>The other sources that reported a reading (reposts, quotes), oldest first.</summary>
    public async Task<IReadOnlyList<Corroboration>> CorroborationsAsync(long readingId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string? Name, string? Url, string? Type, string? Excerpt, long SeenAt)>(
            """
            WITH RECURSIVE back(id, prev) AS (
                SELECT id, supersedes_id FROM readings WHERE id = @readingId
                UNION ALL
                SELECT p.id, p.supersedes_id FROM back JOIN readings p ON p.id = back.prev)
            SELECT s.name, s.url, s.source_type, rs.excerpt, rs.seen_at FROM reading_sources rs
            JOIN sources s ON s.id = rs.source_id
            WHERE rs.reading_id IN (SELECT id FROM back)
            ORDER BY rs.seen_at
            """,
            new { readingId });
        return [.. rows.Select(r => new Corroboration(r.Name, r.Url, r.Type, r.Excerpt, UnixTime.FromMs(r.SeenAt)))];
    }

    /// <summary>A report by its public id, with its source and the public id of the report it reposts.</summary>
    public async Task<ReportDetails?> GetByUidAsync(string uid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportDetailsRow>(
            """
            SELECT rep.id AS Id, rep.uid AS Uid, original.uid AS DuplicateOfUid, rep.language AS Language, rep.published_at AS PublishedAt,
                   rep.received_at AS ReceivedAt, s.name AS SourceName, s.url AS SourceUrl, s.source_type AS SourceType
            FROM reports rep
            LEFT JOIN reports original ON original.id = rep.duplicate_of_id
            LEFT JOIN sources s ON s.id = rep.source_id
            WHERE rep.uid = @uid
            """,
            new { uid });
        return row is null ? null : new ReportDetails(row.Id, row.Uid, row.DuplicateOfUid, row.Language,
            row.PublishedAt is { } p ? UnixTime.FromMs(p) : null, UnixTime.FromMs(row.ReceivedAt), row.SourceName, row.SourceUrl, row.SourceType);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports");
    }

    private sealed class ReportDetailsRow
    {
        public long Id { get; set; }
        public string Uid { get; set; } = "";
        public string? DuplicateOfUid { get; set; }
        public string? Language { get; set; }
        public long? PublishedAt { get; set; }
        public long ReceivedAt { get; set; }
        public string? SourceName { get; set; }
        public string? SourceUrl { get; set; }
        public string? SourceType { get; set; }
    }

    private sealed class EvidenceRow
    {
        public long ReadingId { get; set; }
        public long FirstVersionId { get; set; }
        public string? ReportUid { get; set; }
        public string? Language { get; set; }
        public string? Highlights { get; set; }
        public string? Notes { get; set; }
        public string? Candidates { get; set; }
        public string? Quantities { get; set; }
        public long Corroborations { get; set; }

        public EvidenceView ToView() => new(
            ReadingId,
            FirstVersionId,
            ReportUid,
            Language,
            EvidenceRows.FromJson<List<EvidenceSpan>>(Highlights, []),
            EvidenceRows.FromJson<List<string>>(Notes, []),
            EvidenceRows.FromJson<List<string>>(Candidates, []),
            EvidenceRows.FromJson<List<ExtractedQuantity>>(Quantities, []),
            (int)Corroborations);
    }
}
