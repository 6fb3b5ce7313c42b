using BorderWatch.Core.Reports;

namespace BorderWatch.Data.Reports;

/// <summary>A received report as stored: never its full text (see migration 0004), only what identifies it.</summary>
/// <param name="Uid">Public id.</param>
/// <param name="ExternalId">The sender's id, echoed back.</param>
/// <param name="TextHash"><see cref="ReportHashing.TextHash"/> of the text.</param>
/// <param name="UrlIdentity">SourceIdentity of the post's URL, when it has one.</param>
/// <param name="Language">Detected language.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="ReceivedAt">When BorderWatch received it.</param>
/// <param name="TextLength">Length of the text, for the record.</param>
public sealed record ReportRecord(
    string Uid,
    string? ExternalId,
    string TextHash,
    string? UrlIdentity,
    string? Language,
    DateTimeOffset? PublishedAt,
    DateTimeOffset ReceivedAt,
    int TextLength);

/// <summary>What the extractor found for one reading, stored beside it.</summary>
/// <param name="Report">The report it came from.</param>
/// <param name="EvidenceHash">Hash of the evidence sentence: the same sentence quoted elsewhere joins this reading.</param>
/// <param name="Language">Language of the report.</param>
/// <param name="Highlights">Spans of the excerpt to highlight.</param>
/// <param name="Notes">Why it is pending or less sure.</param>
/// <param name="Candidates">Other crossings it may mean.</param>
/// <param name="Quantities">Each figure as written, with range and qualifier.</param>
public sealed record ReadingEvidence(
    ReportRecord Report,
    string EvidenceHash,
    string? Language,
    IReadOnlyList<EvidenceSpan> Highlights,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Candidates,
    IReadOnlyList<ExtractedQuantity> Quantities);

/// <summary>A stored report with its source, for <c>GET /api/reports/{id}</c>. Its text is not kept.</summary>
public sealed record ReportDetails(
    long Id, string Uid, string? DuplicateOfUid, string? Language, DateTimeOffset? PublishedAt, DateTimeOffset ReceivedAt,
    string? SourceName, string? SourceUrl, string? SourceType);

/// <summary>A stored report: enough to answer "already seen".</summary>
public sealed record StoredReport(long Id, string Uid, long? DuplicateOfId, DateTimeOffset ReceivedAt);

/// <summary>The evidence of a reading (any version), for review and comparison views.</summary>
/// <param name="ReadingId">The reading (version) asked about.</param>
/// <param name="FirstVersionId">The version the evidence belongs to.</param>
/// <param name="ReportUid">The report's public id; null for readings not made from a report.</param>
/// <param name="Language">Language of the report.</param>
/// <param name="Highlights">Spans of the excerpt to highlight.</param>
/// <param name="Notes">Why it is pending or less sure.</param>
/// <param name="Candidates">Other crossings it may mean.</param>
/// <param name="Quantities">Each figure as written.</param>
/// <param name="Corroborations">Further sources that reported the same reading (reposts, quotes).</param>
public sealed record EvidenceView(
    long ReadingId,
    long FirstVersionId,
    string? ReportUid,
    string? Language,
    IReadOnlyList<EvidenceSpan> Highlights,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Candidates,
    IReadOnlyList<ExtractedQuantity> Quantities,
    int Corroborations)
{
    public static EvidenceView None(long readingId) => new(readingId, readingId, null, null, [], [], [], [], 0);
}

/// <summary>Another source that reported a reading.</summary>
public sealed record Corroboration(string? Name, string? Url, string? SourceType, string? Excerpt, DateTimeOffset SeenAt);
