using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Data.Readings;
using BorderWatch.Data.Reports;
using BorderWatch.Web.Ingest;

namespace BorderWatch.Web.Reports;

/// <summary>
/// Reports in, readings out: extracts, then stores through the ingest pipeline, so reposts and quotes do not
/// inflate the count. A second POST of the same URL is the same report; the same text from another URL within a week
/// is a repost; the same evidence sentence at the same crossing within two days is a quote. The last two add their
/// source to the original readings (<c>reading_sources</c>) instead of adding readings.
/// </summary>
/// <remarks>Report text is never logged: it may name people at risk.</remarks>
public sealed class ReportIngest(
    ReportExtractor extractor,
    IngestPipeline ingest,
    ReportRepository reports,
    TimeProvider time,
    ILogger<ReportIngest> logger)
{
    /// <summary>A repost of the same text within this time joins the original report.</summary>
    public static readonly TimeSpan RepostWindow = TimeSpan.FromDays(7);

    /// <summary>The same sentence about the same crossing within this time is the same observation.</summary>
    public static readonly TimeSpan QuoteWindow = TimeSpan.FromHours(48);

    // Deciding "is this a duplicate?" and storing must not interleave, or two copies posted together would both be new.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The languages reports are read in.</summary>
    public IReadOnlyList<string> Languages => extractor.Languages;

    /// <summary>Dry run: what would be extracted. Nothing is stored.</summary>
    public ReportExtraction Parse(ReportInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return extractor.Extract(report.Text ?? "");
    }

    /// <summary>Stores a validated report and its readings.</summary>
    public async Task<ReportOutcome> StoreAsync(ReportInput report, long? apiKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = report.Text ?? "";
        var now = time.GetUtcNow();
        var url = report.Url ?? report.Source?.Url;
        var urlIdentity = report.Url is not null ? SourceIdentity.Of(null, report.Url) : null;
        var textHash = ReportHashing.TextHash(text);
        var source = new Provenance(ReportReadings.SourceName(report), url, report.Source?.Type);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (urlIdentity is not null && await reports.FindByUrlAsync(urlIdentity, cancellationToken) is { } sameUrl)
            {
                return new ReportOutcome(sameUrl.Uid, ReportDuplicate.SameUrl, null, "und", await reports.ReadingsOfAsync(sameUrl.Id, cancellationToken), [], []);
            }

            var extraction = extractor.Extract(text);
            var record = new ReportRecord(NewUid(), report.Id, textHash, urlIdentity, extraction.Language, report.PublishedAt, now, text.Length);

            if (await reports.FindByTextHashAsync(textHash, now - RepostWindow, cancellationToken) is { } original)
            {
                var originals = await reports.ReadingsOfAsync(original.Id, cancellationToken);
                var firstVersions = await reports.EvidenceForAsync([.. originals.Select(r => r.Id)], cancellationToken);
                await reports.AddAsync(record, source, apiKeyId, original.Id,
                    [.. originals.Select(r => (firstVersions[r.Id].FirstVersionId, r.Source.Excerpt))], cancellationToken);
                logger.LogInformation("Report {Report} repeats report {Original}: {Count} readings corroborated", record.Uid, original.Uid, originals.Count);
                return new ReportOutcome(record.Uid, ReportDuplicate.SameText, original.Uid, extraction.Language, originals, [], extraction.Readings);
            }

            var fresh = new List<ReadingToStore>();
            var quoted = new List<(long FirstVersion, string? Excerpt)>();
            foreach (var found in extraction.Readings)
            {
                var reading = ReportReadings.ToReading(found, report, now);
                var evidenceHash = ReportHashing.TextHash(found.Evidence);
                if (await reports.FindReadingByEvidenceAsync(evidenceHash, found.Crossing, reading.ObservedAt - QuoteWindow, cancellationToken) is { } existing)
                {
                    quoted.Add((existing, reading.Source.Excerpt));
                    continue;
                }

                var evidence = new ReadingEvidence(record, evidenceHash, extraction.Language, found.Highlights, found.Notes, found.Candidates, found.Quantities);
                fresh.Add(new ReadingToStore(reading, apiKeyId, evidence));
            }

            // The pipeline stores the new readings with their evidence and the report row in one transaction, then
            // updates estimates and live views; a report that adds nothing new is stored on its own.
            IReadOnlyList<Reading> stored = fresh.Count > 0 ? await ingest.AddManyAsync(fresh, CancellationToken.None) : [];
            if (fresh.Count == 0 || quoted.Count > 0)
            {
                await reports.AddAsync(record, source, apiKeyId, null, quoted, CancellationToken.None);
            }

            logger.LogInformation("Report {Report} ({Language}): {New} new readings ({Pending} pending), {Quoted} corroborated",
                record.Uid, extraction.Language, stored.Count, stored.Count(r => r.Status == ReadingStatus.Pending), quoted.Count);
            return new ReportOutcome(record.Uid, ReportDuplicate.None, null, extraction.Language, stored, [.. quoted.Select(q => q.FirstVersion)], extraction.Readings);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string NewUid() => "rep_" + Guid.CreateVersion7().ToString("N");
}

/// <summary>Whether a report was seen before.</summary>
public enum ReportDuplicate
{
    /// <summary>A new report.</summary>
    None,

    /// <summary>The same URL was posted before: nothing was stored.</summary>
    SameUrl,

    /// <summary>The same text came from another source: stored as a further source of the original readings.</summary>
    SameText,
}

/// <summary>What storing a report did.</summary>
/// <param name="ReportId">The report's public id (the earlier one for a duplicate URL).</param>
/// <param name="Duplicate">Whether and how it repeats an earlier report.</param>
/// <param name="DuplicateOf">The original report, for reposts.</param>
/// <param name="Language">Detected language.</param>
/// <param name="Readings">New readings, or for duplicates the original's readings (current versions).</param>
/// <param name="Corroborates">Readings (first versions) this report repeated from other reports (quotes).</param>
/// <param name="Extracted">What the extractor found in this text.</param>
public sealed record ReportOutcome(
    string ReportId,
    ReportDuplicate Duplicate,
    string? DuplicateOf,
    string Language,
    IReadOnlyList<Reading> Readings,
    IReadOnlyList<long> Corroborates,
    IReadOnlyList<ExtractedReading> Extracted);
