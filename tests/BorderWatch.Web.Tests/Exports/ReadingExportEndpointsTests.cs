using System.Net;
using System.Text.Json;
using BorderWatch.Web.Exports;
using CsvHelper;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>GET /api/exports/readings: the raw readings behind the summaries, streamed.</summary>
public sealed class ReadingExportEndpointsTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    [Fact]
    public async Task GetReadings_CsvWithHxl_StrictlyParsableAcceptedReadingsWithSafeText()
    {
        using var response = await fixture.Client.GetAsync("api/exports/readings?from=2022-09-25&to=2022-09-25&format=csv&hxl=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("borderwatch-readings-2022-09-25.csv", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ExportValidators.StrictUtf8(bytes);

        using var csv = CsvReader.Create(new MemoryStream(bytes), ExportValidators.StrictCsv);
        Assert.True(csv.Read());
        var tags = csv.Current.ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToArray());
        }

        var column = ReadingColumns.All.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        Assert.Equal(ReadingColumns.All.Select(c => c.Name), csv.Headers);
        Assert.Empty(HxlRules.Check(tags, rows));
        // Nine accepted readings whose local day is 25 Sep (the pending one is left out), by crossing then time.
        Assert.Equal(9, rows.Count);
        Assert.Equal(["sadakhlo", "upper-lars", "upper-lars", "upper-lars", "upper-lars", "upper-lars", "vaalimaa", "vaalimaa", "vaalimaa"], rows.Select(r => r[column["crossing"]]));
        Assert.Equal("2022-09-24T21:30:00Z", rows[0][column["observed_at"]]);
        Assert.Equal("2022-09-25", rows[0][column["local_date"]]);
        var vaalimaa = rows.Where(r => r[column["crossing"]] == "vaalimaa").ToList();
        // Commas and quotes survive the round trip; a formula is defused; a crowd source is typed but not named.
        Assert.Equal("Yle, \"Kotimaa\" desk", vaalimaa[0][column["source_name"]]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", vaalimaa[1][column["source_name"]]);
        Assert.Equal(("crowd", "", ""), (vaalimaa[2][column["source_type"]], vaalimaa[2][column["source_name"]], vaalimaa[2][column["source_url"]]));
    }

    [Fact]
    public async Task GetReadings_JsonLines_OneTypedObjectPerLine()
    {
        using var response = await fixture.Client.GetAsync("api/exports/readings?from=2022-09-25&to=2022-09-25&crossing=upper-lars&format=jsonl");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(5, lines.Length);
        var readings = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([10, 20, 30, 40, 100], readings.Select(r => r.GetProperty("vehicles").GetDouble()));
        Assert.Equal("report", readings[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, readings[1].GetProperty("queueKm").ValueKind);
        Assert.False(readings[0].GetProperty("demo").GetBoolean());
    }

    [Theory]
    [InlineData("format=xlsx", "format")]
    [InlineData("format=jsonl&hxl=true", "hxl")]
    [InlineData("from=25.09.2022", "from")]
    [InlineData("crossing=UPPER-LARS", "crossing")]
    public async Task GetReadings_BadParameter_Returns400NamingTheField(string query, string field)
    {
        using var response = await fixture.Client.GetAsync("api/exports/readings?" + query);

        await ExportValidators.AssertProblemNamesAsync(response, field);
    }
}
