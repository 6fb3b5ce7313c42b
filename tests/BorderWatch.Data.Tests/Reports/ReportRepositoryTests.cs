using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;
using BorderWatch.Data.Readings;
using BorderWatch.Data.Reports;
using Dapper;

namespace BorderWatch.Data.Tests.Reports;

public sealed class ReportRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();
    private ReportRepository _reports = default!;
    private ReviewRepository _review = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _reports = new ReportRepository(_db.Database);
        _review = new ReviewRepository(_db.Database);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static ReportRecord Report(string uid, string text = "Очередь на Верхнем Ларсе 14 км", string? url = "https://t.me/channel/1") => new(
        uid, "ext-" + uid, ReportHashing.TextHash(text), url is null ? null : SourceIdentity.Of(null, url), "ru", Noon, Noon.AddMinutes(1), text.Length);

    private static ReadingEvidence Evidence(ReportRecord report, string evidence = "Очередь на Верхнем Ларсе 14 км") => new(
        report,
        ReportHashing.TextHash(evidence),
        "ru",
        [new EvidenceSpan(11, 13, "crossing"), new EvidenceSpan(25, 5, "quantity")],
        ["A note for the reviewer."],
        ["kyakhta"],
        [new ExtractedQuantity("queueKm", 14, null, null, null, "14 км")]);

    [Fact]
    public async Task InsertWithEvidence_TwoReadingsOfOneReport_OneReportRowAndEvidenceForEach()
    {
        var report = Report("r1");
        var reading = TestReadings.At("upper-lars", Noon, km: 14, status: ReadingStatus.Pending);

        var stored = await _db.Readings.InsertAsync([new(reading, null, Evidence(report)), new(reading with { Crossing = "kyakhta" }, null, Evidence(report))]);
        var evidence = await _reports.EvidenceForAsync([stored[0].Id, stored[1].Id]);

        Assert.Equal(1, await _reports.CountAsync());
        Assert.Equal("r1", evidence[stored[0].Id].ReportUid);
        Assert.Equal([new EvidenceSpan(11, 13, "crossing"), new EvidenceSpan(25, 5, "quantity")], evidence[stored[0].Id].Highlights);
        Assert.Equal(["kyakhta"], evidence[stored[1].Id].Candidates);
        Assert.Equal("14 км", Assert.Single(evidence[stored[1].Id].Quantities).Text);
    }

    [Fact]
    public async Task InsertWithEvidence_BatchFails_NoReportNoEvidenceNoReading()
    {
        var report = Report("r1");
        var good = new ReadingToStore(TestReadings.At("upper-lars", Noon, km: 14), null, Evidence(report));
        var bad = new ReadingToStore(TestReadings.At("atlantis", Noon, km: 1), null, Evidence(report));

        await Assert.ThrowsAsync<ArgumentException>(() => _db.Readings.InsertAsync([good, bad]));

        Assert.Equal(0, await _reports.CountAsync());
        Assert.Equal(0, await _db.Readings.CountAsync());
    }

    [Fact]
    public async Task EvidenceFor_LaterVersion_FoundThroughTheFirstVersion()
    {
        var stored = await _db.Readings.InsertAsync([new(TestReadings.At("upper-lars", Noon, km: 14, status: ReadingStatus.Pending), null, Evidence(Report("r1")))]);
        var accepted = await _db.Readings.AddVersionAsync(stored[0].Id, stored[0] with { Status = ReadingStatus.Accepted });

        var evidence = (await _reports.EvidenceForAsync([accepted.Id]))[accepted.Id];

        Assert.Equal(stored[0].Id, evidence.FirstVersionId);
        Assert.Equal("r1", evidence.ReportUid);
    }

    [Fact]
    public async Task EvidenceFor_ManualReading_EmptyView()
    {
        var stored = await _db.Readings.InsertAsync([new(TestReadings.At("upper-lars", Noon, km: 14))]);

        var evidence = (await _reports.EvidenceForAsync([stored[0].Id]))[stored[0].Id];

        Assert.Null(evidence.ReportUid);
        Assert.Empty(evidence.Highlights);
    }

    [Fact]
    public async Task FindByUrlTextAndEvidence_StoredReport_Found()
    {
        var report = Report("r1");
        var stored = await _db.Readings.InsertAsync([new(TestReadings.At("upper-lars", Noon, km: 14), null, Evidence(report))]);

        Assert.Equal("r1", (await _reports.FindByUrlAsync(report.UrlIdentity!))!.Uid);
        Assert.Null(await _reports.FindByUrlAsync("url:t.me/channel/2"));
        Assert.Equal("r1", (await _reports.FindByTextHashAsync(report.TextHash, Noon.AddDays(-1)))!.Uid);
        Assert.Null(await _reports.FindByTextHashAsync(report.TextHash, Noon.AddDays(1)));
        var hash = ReportHashing.TextHash("Очередь на Верхнем Ларсе 14 км");
        Assert.Equal(stored[0].Id, await _reports.FindReadingByEvidenceAsync(hash, "upper-lars", Noon.AddHours(-48)));
        Assert.Null(await _reports.FindReadingByEvidenceAsync(hash, "kyakhta", Noon.AddHours(-48)));
        Assert.Null(await _reports.FindReadingByEvidenceAsync(hash, "upper-lars", Noon.AddHours(1)));
    }

    [Fact]
    public async Task Add_Repost_RecordsTheNewSourceOnceAsACorroboration()
    {
        var original = Report("r1");
        var stored = await _db.Readings.InsertAsync([new(TestReadings.At("upper-lars", Noon, km: 14, sourceName: "Channel A", sourceUrl: "https://t.me/channel/1"), null, Evidence(original))]);
        var originalRow = (await _reports.FindByUrlAsync(original.UrlIdentity!))!;
        var repost = Report("r2", url: "https://x.com/someone/status/2");
        var source = new Provenance("X repost", "https://x.com/someone/status/2", "crowd");

        await _reports.AddAsync(repost, source, null, originalRow.Id, [(stored[0].Id, "RT Очередь 14 км")]);
        await _reports.AddAsync(Report("r3", url: null), source, null, originalRow.Id, [(stored[0].Id, "RT again")]);

        var corroborations = await _reports.CorroborationsAsync(stored[0].Id);
        Assert.Equal("X repost", Assert.Single(corroborations).Name);
        Assert.Equal(1, (await _reports.EvidenceForAsync([stored[0].Id]))[stored[0].Id].Corroborations);
        Assert.Equal([stored[0].Id], (await _reports.ReadingsOfAsync((await _reports.FindByUrlAsync(repost.UrlIdentity!))!.Id)).Select(r => r.Id));
        Assert.Equal(1, await _db.Readings.CountAsync());
    }

    [Fact]
    public async Task ReadingsOf_AfterCorrection_CurrentVersionOnly()
    {
        var stored = await _db.Readings.InsertAsync([new(TestReadings.At("upper-lars", Noon, km: 14, status: ReadingStatus.Pending), null, Evidence(Report("r1")))]);
        var corrected = await _db.Readings.AddVersionAsync(stored[0].Id, stored[0] with { QueueKm = 12, Status = ReadingStatus.Accepted });
        var reportId = (await _reports.FindByUrlAsync(SourceIdentity.Of(null, "https://t.me/channel/1")!))!.Id;

        Assert.Equal([corrected.Id], (await _reports.ReadingsOfAsync(reportId)).Select(r => r.Id));
    }

    [Fact]
    public async Task Add_SecondReportWithTheSameUrl_RefusedByTheDatabase()
    {
        await _reports.AddAsync(Report("r1"), Provenance.None, null, null, []);

        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => _reports.AddAsync(Report("r2"), Provenance.None, null, null, []));
    }

    [Fact]
    public async Task ListPending_OnlyCurrentPendingVersions_NewestFirst()
    {
        var stored = await _db.Readings.InsertAsync(
        [
            new(TestReadings.At("upper-lars", Noon, km: 14, status: ReadingStatus.Pending)),
            new(TestReadings.At("vaalimaa", Noon.AddHours(1), km: 1, status: ReadingStatus.Pending)),
            new(TestReadings.At("kyakhta", Noon.AddHours(2), km: 2)),
            new(TestReadings.At("medyka", Noon.AddHours(3), km: 3, status: ReadingStatus.Pending)),
        ]);
        await _db.Readings.AddVersionAsync(stored[3].Id, stored[3] with { Status = ReadingStatus.Rejected });

        var pending = await _review.ListPendingAsync(10);

        Assert.Equal(["vaalimaa", "upper-lars"], pending.Select(r => r.Crossing));
        Assert.Equal(2, await _review.CountPendingAsync());
    }

    [Fact]
    public async Task Migration_ReportText_IsNotAColumn()
    {
        await using var connection = await _db.Database.OpenAsync();

        var columns = (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info('reports')")).ToList();

        Assert.Contains("text_hash", columns);
        Assert.DoesNotContain("text", columns);
    }
}
