using System.Text.Json;
using BorderWatch.Core.Serialization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Reports;

/// <summary>Writes a reading's report and evidence inside the reading's own transaction.</summary>
internal static class EvidenceRows
{
    /// <param name="connection">The reading insert's connection.</param>
    /// <param name="transaction">The reading insert's transaction.</param>
    /// <param name="evidence">What was found.</param>
    /// <param name="readingId">The reading just inserted.</param>
    /// <param name="sourceId">Its source row (the report's publisher).</param>
    /// <param name="apiKeyId">Who sent it.</param>
    /// <param name="reportIds">Report rows inserted in this transaction, by uid: a report with several readings is one row.</param>
    public static async Task AddAsync(
        SqliteConnection connection, SqliteTransaction transaction, ReadingEvidence evidence, long readingId, long? sourceId, long? apiKeyId, Dictionary<string, long> reportIds)
    {
        var report = evidence.Report;
        if (!reportIds.TryGetValue(report.Uid, out var reportId))
        {
            reportId = await InsertReportAsync(connection, transaction, report, sourceId, apiKeyId, duplicateOf: null);
            reportIds[report.Uid] = reportId;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO reading_evidence (reading_id, report_id, evidence_hash, language, highlights, notes, candidates, quantities)
            VALUES (@readingId, @reportId, @hash, @language, @highlights, @notes, @candidates, @quantities)
            """,
            new
            {
                readingId,
                reportId,
                hash = evidence.EvidenceHash,
                language = evidence.Language,
                highlights = Json(evidence.Highlights),
                notes = Json(evidence.Notes),
                candidates = Json(evidence.Candidates),
                quantities = Json(evidence.Quantities),
            },
            transaction);
    }

    public static Task<long> InsertReportAsync(SqliteConnection connection, SqliteTransaction transaction, ReportRecord report, long? sourceId, long? apiKeyId, long? duplicateOf) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO reports (uid, external_id, text_hash, url_identity, source_id, language, published_at, received_at, text_length, duplicate_of_id, api_key_id)
            VALUES (@Uid, @ExternalId, @TextHash, @UrlIdentity, @sourceId, @Language, @published, @received, @TextLength, @duplicateOf, @apiKeyId)
            ON CONFLICT (uid) DO UPDATE SET uid = excluded.uid
            RETURNING id
            """,
            new
            {
                report.Uid,
                report.ExternalId,
                report.TextHash,
                report.UrlIdentity,
                sourceId,
                report.Language,
                published = report.PublishedAt is { } p ? UnixTime.ToMs(p) : (long?)null,
                received = UnixTime.ToMs(report.ReceivedAt),
                report.TextLength,
                duplicateOf,
                apiKeyId,
            },
            transaction);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, BorderWatchJson.Options);

    public static T FromJson<T>(string? json, T empty) => string.IsNullOrEmpty(json) ? empty : JsonSerializer.Deserialize<T>(json, BorderWatchJson.Options) ?? empty;
}
