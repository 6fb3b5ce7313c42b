using System.Text;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Reports.Sources;
using BorderWatch.Core.Tests.Feeds;

namespace BorderWatch.Core.Tests.Reports;

public sealed class ReportSourcesTests
{
    [Fact]
    public void ReadJsonl_Sample_OneReportPerLine()
    {
        using var reader = new StreamReader(FeedSamples.Path("reports.jsonl"));

        var reports = ReportFiles.ReadJsonl(reader).ToList();

        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Null(r.Error));
        Assert.Equal("Example channel", reports[2].Report!.Source!.Name);
        Assert.Equal(new DateTimeOffset(2022, 9, 24, 10, 0, 0, TimeSpan.Zero), reports[0].Report!.PublishedAt);
    }

    [Fact]
    public void ReadJsonl_BadLine_ErrorNamesItsLine()
    {
        var lines = "{\"text\":\"ok\"}\n\n{\"text\":\"ok\",\"published_at\":\"x\"}\nnot json\n";

        var reports = ReportFiles.ReadJsonl(new StringReader(lines)).ToList();

        Assert.Null(reports[0].Error);
        Assert.Equal(3, reports[1].Line);
        Assert.Contains("published_at", reports[1].Error, StringComparison.Ordinal);
        Assert.Equal(4, reports[2].Line);
        Assert.NotNull(reports[2].Error);
    }

    [Fact]
    public void ReadCsv_Sample_QuotedCommasQuotesAndLineBreaks()
    {
        using var reader = new StreamReader(FeedSamples.Path("reports.csv"));

        var reports = ReportFiles.ReadCsv(reader).ToList();

        Assert.Equal(3, reports.Count);
        Assert.Equal("Queue at Vaalimaa about 400 m, waiting time 1-2 hours", reports[0].Report!.Text);
        Assert.Equal("official", reports[0].Report!.Source!.Type);
        Assert.Equal("Kolejka w Dorohusku 12 km, \"czekają\" 30 godzin", reports[1].Report!.Text);
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 7, 0, 0, TimeSpan.Zero), reports[1].Report!.PublishedAt!.Value.ToUniversalTime());
        Assert.Equal("Multi-line\nreport: Medyka queue 3 km", reports[2].Report!.Text);
        Assert.Null(reports[2].Report!.Source);
    }

    [Theory]
    [InlineData("id,body\n1,hello\n", "'text'")]
    [InlineData("text,colour\nhello,red\n", "colour")]
    public void ReadCsv_BadHeader_ErrorNamesTheColumn(string csv, string mentioned) =>
        Assert.Contains(mentioned, Assert.Single(ReportFiles.ReadCsv(new StringReader(csv))).Error, StringComparison.Ordinal);

    [Fact]
    public void ReadCsv_BadDate_ErrorOnThatRecord()
    {
        var reports = ReportFiles.ReadCsv(new StringReader("text,publishedAt\nqueue 3 km,yesterday\n")).ToList();

        Assert.Contains("yesterday", Assert.Single(reports).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTelegram_Sample_TextMessagesBecomeReportsOfTheChannel()
    {
        using var json = FeedSamples.Open("telegram-result.json");

        var chat = TelegramExport.Read(json, "@borderqueues");

        Assert.Equal(3, chat.Reports.Count);
        Assert.Equal(2, chat.Skipped);
        Assert.Equal("#Кяхта очередь 3 км, граница с Монголией", chat.Reports[1].Text);
        Assert.Equal("https://t.me/borderqueues/3", chat.Reports[1].Url);
        Assert.Equal("Telegram: Border Queues (sample channel)", chat.Reports[1].Source!.Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1664017200), chat.Reports[1].PublishedAt);
    }

    [Fact]
    public void ReadTelegram_WithoutUsername_PrivateMessageLinks()
    {
        using var json = FeedSamples.Open("telegram-result.json");

        Assert.Equal("https://t.me/c/1234567890/2", TelegramExport.Read(json).Reports[0].Url);
    }

    [Fact]
    public void ReadTelegram_NotAnExport_InvalidData() =>
        Assert.Throws<InvalidDataException>(() => TelegramExport.Read(new MemoryStream("{\"chats\":[]}"u8.ToArray())));

    [Fact]
    public void ParseFeed_Rss_ItemsWithTextWithoutHtmlAndRfcDates()
    {
        using var xml = FeedSamples.Open("rss.xml");

        var feed = FeedDocument.Parse(xml);

        Assert.Equal("Border News (sample)", feed.Title);
        var (key, report) = feed.Items[0];
        Assert.Equal("news-1001", key);
        Assert.Equal("Queue at Upper Lars grows. The queue at Upper Lars is now about 20 km long & drivers wait up to 2 days.", report.Text);
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 8, 30, 0, TimeSpan.Zero), report.PublishedAt);
        Assert.Equal("https://news.example.org/2022/09/26/upper-lars", report.Url);
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 4, 0, 0, TimeSpan.Zero), feed.Items[1].Report.PublishedAt);
    }

    [Fact]
    public void ParseFeed_Atom_EntriesWithAlternateLinks()
    {
        using var xml = FeedSamples.Open("atom.xml");

        var (key, report) = Assert.Single(FeedDocument.Parse(xml, sourceName: "Raja", sourceType: "official").Items);

        Assert.Equal("urn:uuid:8a0c2bde-0000-4000-8000-000000000002", key);
        Assert.Equal("https://raja.example.fi/tiedote/1", report.Url);
        Assert.Equal("official", report.Source!.Type);
        Assert.Equal(new DateTimeOffset(2022, 9, 26, 5, 45, 0, TimeSpan.Zero), report.PublishedAt);
    }

    [Fact]
    public void ParseFeed_Dtd_Refused()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "boom">]><rss><channel><title>&x;</title></channel></rss>""";

        Assert.Throws<InvalidDataException>(() => FeedDocument.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
    }

    [Fact]
    public void ParseFeed_NotAFeed_InvalidData() =>
        Assert.Throws<InvalidDataException>(() => FeedDocument.Parse(new MemoryStream("<html><body/></html>"u8.ToArray())));

    [Fact]
    public void TextHash_RepostWithRetweetPrefixLinksAndCase_SameHash()
    {
        var original = ReportHashing.TextHash("Очередь на Верхнем Ларсе 14 км!");

        Assert.Equal(original, ReportHashing.TextHash("RT @borderwatch: очередь на ВЕРХНЕМ Ларсе — 14 км https://t.co/abc"));
        Assert.Equal(original, ReportHashing.TextHash("Очередь  на Верхнем Ларсе 14 км"));
        Assert.NotEqual(original, ReportHashing.TextHash("Очередь на Верхнем Ларсе 15 км"));
    }

    [Fact]
    public void Validate_BadInput_EveryFieldNamed()
    {
        var validator = new ReportInputValidator(TimeProvider.System);

        var errors = validator.Validate(new ReportInput
        {
            Text = new string('x', ReportLimits.MaxTextLength + 1),
            PublishedAt = DateTimeOffset.UtcNow.AddDays(1),
            Url = "ftp://example.org/x",
            Source = new ReportSourceInput { Type = "rumour" },
        });

        Assert.Equal(["publishedAt", "source.type", "text", "url"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
