using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Reports;

public sealed class ReportEndpointsTests : IAsyncLifetime
{
    private readonly BorderWatchServer _server = new();
    private HttpClient _client = default!;

    public Task InitializeAsync()
    {
        _client = _server.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Parse_IssueExampleWithoutKey_ReadingReturnedAndNothingStored()
    {
        using var anonymous = _server.CreateApiClient(withKey: false);

        using var response = await anonymous.PostAsJsonAsync("api/reports/parse", new
        {
            text = "Finally, Russians are moving to the border with Georgia where the tail queue of cars reached 14 kilometers.",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", body.GetProperty("language").GetString());
        var reading = Assert.Single(body.GetProperty("readings").EnumerateArray());
        Assert.Equal("upper-lars", reading.GetProperty("crossing").GetString());
        Assert.Equal(14, reading.GetProperty("queueKm").GetDouble());
        Assert.Equal("accepted", reading.GetProperty("status").GetString());
        Assert.Equal("14 kilometers", reading.GetProperty("quantities")[0].GetProperty("text").GetString());
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM readings"));
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM reports"));
    }

    [Fact]
    public async Task Post_ConfidentReport_AcceptedReadingWithEvidenceChangesTheEstimate()
    {
        var body = await _client.PostReportAsync(new
        {
            id = "tg-1",
            text = "Срочно! Очередь на Верхнем Ларсе 5500 машин, ждут двое суток.",
            url = "https://t.me/borderqueues/101",
            publishedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            source = new { name = "Border Queues", type = "crowd" },
        });

        var reading = Assert.Single(body.GetProperty("readings").EnumerateArray());
        Assert.Equal("tg-1", body.GetProperty("id").GetString());
        Assert.Equal("ru", body.GetProperty("language").GetString());
        Assert.Equal("accepted", reading.GetProperty("status").GetString());
        Assert.Equal("report", reading.GetProperty("kind").GetString());
        Assert.Equal(5500, reading.GetProperty("vehicles").GetDouble());
        Assert.Equal(48, reading.GetProperty("waitHours").GetDouble());
        Assert.Equal("Очередь на Верхнем Ларсе 5500 машин, ждут двое суток.", reading.GetProperty("source").GetProperty("excerpt").GetString());
        Assert.Equal("https://t.me/borderqueues/101", reading.GetProperty("source").GetProperty("url").GetString());
        var estimate = await _client.EstimateAsync("upper-lars");
        Assert.Equal(5500, estimate.GetProperty("vehicles").GetDouble());
        Assert.Equal(1, await _server.CountAsync("SELECT COUNT(*) FROM reading_evidence"));
    }

    [Fact]
    public async Task Post_AmbiguousReport_PendingReadingLeavesTheEstimateAlone()
    {
        var body = await _client.PostReportAsync(new { text = "Kazbegi: traffic stands for 12 km, people wait about 6 hours" });

        var reading = Assert.Single(body.GetProperty("readings").EnumerateArray());
        Assert.Equal("pending", reading.GetProperty("status").GetString());
        Assert.False((await _client.EstimateAsync("upper-lars")).TryGetProperty("asOf", out var asOf) && asOf.ValueKind != JsonValueKind.Null);
        var queue = await _client.GetFromJsonAsync<JsonElement>("api/review");
        var pending = Assert.Single(queue.EnumerateArray());
        Assert.Contains("tourist", pending.GetProperty("evidence").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Kazbegi", JsonSlice(pending, pending.GetProperty("evidence").GetProperty("highlights")[0]));
    }

    private static string JsonSlice(JsonElement pending, JsonElement span)
    {
        var excerpt = pending.GetProperty("reading").GetProperty("source").GetProperty("excerpt").GetString()!;
        return excerpt.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task Post_SameUrlTwice_SecondIsADuplicateAndStoresNothing()
    {
        var report = new { text = "Очередь на Верхнем Ларсе 14 км", url = "https://t.me/borderqueues/7" };
        var first = await _client.PostReportAsync(report);

        var second = await _client.PostReportAsync(report with { }, HttpStatusCode.OK);

        Assert.Equal("url", second.GetProperty("duplicate").GetString());
        Assert.Equal(first.GetProperty("reportId").GetString(), second.GetProperty("reportId").GetString());
        Assert.Equal(first.GetProperty("readings")[0].GetProperty("id").GetInt64(), second.GetProperty("readings")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, await _server.CountAsync("SELECT COUNT(*) FROM readings"));
        Assert.Equal(1, await _server.CountAsync("SELECT COUNT(*) FROM reports"));
    }

    [Fact]
    public async Task Post_RetweetAndQuoteTweet_JoinTheOriginalReadingAsFurtherSources()
    {
        var original = await _client.PostReportAsync(new
        {
            text = "Очередь на Верхнем Ларсе 14 км.",
            url = "https://x.com/origin/status/1",
            source = new { name = "Origin account", type = "crowd" },
        });
        var readingId = original.GetProperty("readings")[0].GetProperty("id").GetInt64();

        var retweet = await _client.PostReportAsync(new { text = "RT @origin: очередь на Верхнем Ларсе — 14 км", url = "https://x.com/second/status/2", source = new { name = "Second account" } }, HttpStatusCode.OK);
        var quote = await _client.PostReportAsync(new { text = "Can't believe this. Очередь на Верхнем Ларсе 14 км.", url = "https://x.com/third/status/3", source = new { name = "Third account" } });

        Assert.Equal("text", retweet.GetProperty("duplicate").GetString());
        Assert.Equal(original.GetProperty("reportId").GetString(), retweet.GetProperty("duplicateOf").GetString());
        Assert.Empty(quote.GetProperty("readings").EnumerateArray());
        Assert.Equal(readingId, Assert.Single(quote.GetProperty("corroborates").EnumerateArray()).GetInt64());
        Assert.Equal(1, await _server.CountAsync("SELECT COUNT(*) FROM readings"));
        Assert.Equal(3, await _server.CountAsync("SELECT COUNT(*) FROM reports"));
        Assert.Equal(2, await _server.CountAsync($"SELECT COUNT(*) FROM reading_sources WHERE reading_id = {readingId}"));
        Assert.Equal([readingId], (await _client.EstimateAsync("upper-lars")).GetProperty("readingIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task GetReport_Stored_ReadingsAndSourceButNeverTheText()
    {
        var stored = await _client.PostReportAsync(new { text = "Kolejka w Dorohusku 12 km. Kierowca Jan Kowalski mówi, że czeka od rana.", source = new { name = "Straż Graniczna", type = "official" } });

        var report = await _client.GetFromJsonAsync<JsonElement>($"api/reports/{stored.GetProperty("reportId").GetString()}");

        Assert.Equal("Straż Graniczna", report.GetProperty("sourceName").GetString());
        Assert.Equal(12, report.GetProperty("readings")[0].GetProperty("queueKm").GetDouble());
        Assert.DoesNotContain("Kowalski", report.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM readings WHERE excerpt LIKE '%Kowalski%'"));
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { """{"url":"https://example.org/1"}""", "text" },
        { """{"text":"   "}""", "text" },
        { """{"text":"x","url":"ftp://example.org/1"}""", "url" },
        { """{"text":"x","publishedAt":"2099-01-01T00:00:00Z"}""", "publishedAt" },
        { """{"text":"x","source":{"type":"rumour"}}""", "source.type" },
        { """{"text":"x","published_at":"2022-09-24T10:00:00Z"}""", "$.published_at" },
        { """{"text":42}""", "$.text" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task Post_BadReport_400NamingTheFieldAndNothingStored(string body, string field)
    {
        using var response = await _client.PostAsync("api/reports", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM reports"));
    }

    [Fact]
    public async Task Post_TextTooLong_400()
    {
        using var response = await _client.PostAsJsonAsync("api/reports", new { text = new string('a', 20_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutKey_401AndNothingStored()
    {
        using var anonymous = _server.CreateApiClient(withKey: false);

        using var response = await anonymous.PostAsJsonAsync("api/reports", new { text = "Очередь на Верхнем Ларсе 14 км" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM readings"));
    }

    [Theory]
    [InlineData("jsonl", "reports.jsonl", "application/x-ndjson", 3, 2, 1)]
    [InlineData("csv", "reports.csv", "text/csv", 3, 3, 0)]
    [InlineData("telegram", "telegram-result.json", "application/json", 3, 2, 0)]
    public async Task Import_SampleFile_StoresEachReport(string format, string file, string contentType, int reports, int readings, int pending)
    {
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Samples", file)));
        content.Headers.ContentType = new(contentType);

        using var response = await _client.PostAsync($"api/reports/import?format={format}&channel=borderqueues", content);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reports, summary.GetProperty("reports").GetInt32());
        Assert.Equal(readings, summary.GetProperty("readings").GetInt32());
        Assert.Equal(pending, summary.GetProperty("pending").GetInt32());
        Assert.Equal(readings, await _server.CountAsync("SELECT COUNT(*) FROM readings"));
    }

    [Fact]
    public async Task Import_OneBadLine_400NamingTheLineAndNothingImported()
    {
        var jsonl = "{\"text\":\"Очередь на Верхнем Ларсе 14 км\"}\n{\"text\":\"ok\",\"url\":\"not a url\"}\n";

        using var response = await _client.PostAsync("api/reports/import?format=jsonl", new StringContent(jsonl, Encoding.UTF8, "application/x-ndjson"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[2].url", out _), problem.ToString());
        Assert.Equal(0, await _server.CountAsync("SELECT COUNT(*) FROM readings"));
    }

    [Fact]
    public async Task Import_UnknownFormat_400()
    {
        using var response = await _client.PostAsync("api/reports/import?format=xml", new StringContent("<x/>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
