using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using BorderWatch.Core.Crossings;
using BorderWatch.Web.Exports;
using CsvHelper;
using ExcelDataReader;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>GET /api/summaries/daily in every format, each read back by a strict reader that is not ours.</summary>
public sealed class SummaryEndpointsTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    static SummaryEndpointsTests()
    {
        // ExcelDataReader looks up code page 1252 even for .xlsx files.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    }

    private const string Day = "api/summaries/daily?from=2022-09-25&to=2022-09-25";

    private static readonly CsvReaderOptions Strict = ExportValidators.StrictCsv;

    [Fact]
    public async Task GetDaily_Csv_StrictParserReadsHandComputedFigures()
    {
        using var response = await fixture.Client.GetAsync(Day + "&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("borderwatch-daily-2022-09-25.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Contains("/api/summaries/daily/provenance?", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = ExportValidators.StrictUtf8(bytes);
        Assert.Equal(5, text.Split("\r\n").Length); // header, 3 rows, and the empty string after the last CRLF
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));

        using var csv = CsvReader.Create(new MemoryStream(bytes), Strict);
        var rows = csv.GetRecords<SummaryCsvRow>().ToList();

        Assert.Equal(SummaryColumns.All.Select(c => c.Name), csv.Headers);
        Assert.Equal(["sadakhlo", "upper-lars", "vaalimaa"], rows.Select(r => r.Crossing));
        Assert.All(rows, r => Assert.Equal(new DateOnly(2022, 9, 25), r.Date));
        var lars = rows[1];
        Assert.Equal(Gazetteer.Default.Find("upper-lars")!.Name, lars.CrossingName);
        Assert.Equal((5, 1, 1, 1, 1, 1, 4), (lars.Readings, lars.ReadingsImage, lars.ReadingsReport, lars.ReadingsManual, lars.ReadingsFeed, lars.ReadingsAgent, lars.Sources));
        Assert.Equal("agent;camera;media;official", lars.SourceTypes);
        Assert.Equal((10, 40, 30, 76, 100), (lars.VehiclesMin, lars.VehiclesMean, lars.VehiclesMedian, lars.VehiclesP90, lars.VehiclesMax));
        Assert.Equal((1.5, 1.9), (lars.QueueKmMedian!.Value, lars.QueueKmP90!.Value));
        Assert.Equal(DateTimeOffset.Parse("2022-09-25T05:10:00Z"), lars.FirstObservedAt);
        Assert.Equal((0.1667, 13.0, 0.7), (lars.Coverage, lars.StaleHours, lars.ConfidenceMean));
        Assert.Equal((false, false, true), (lars.ConflictingSources, lars.UnverifiedOnly, lars.Complete));
        // Reported at 21:30Z on the 24th: the 25th in Tbilisi (UTC+4).
        Assert.Equal(260, rows[0].VehiclesMax);
        // Three accepted reports from media and the crowd; the pending one does not count.
        Assert.Equal((3, true, 0.6), (rows[2].Readings, rows[2].UnverifiedOnly, rows[2].QueueKmMax!.Value));
    }

    [Fact]
    public async Task GetDaily_CsvWithHxl_HashtagRowFollowsHxlRules()
    {
        var bytes = await fixture.Client.GetByteArrayAsync("api/summaries/daily?from=2022-09-24&to=2022-09-26&format=csv&hxl=true");

        using var csv = CsvReader.Create(new MemoryStream(bytes), Strict);
        Assert.True(csv.Read());
        var tags = csv.Current.ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToArray());
        }

        Assert.Equal(SummaryColumns.All.Select(c => c.Name), csv.Headers);
        Assert.Empty(HxlRules.Check(tags, rows));
        Assert.Contains("#date+reported", tags);
        Assert.Contains("#country+code+origin", tags);
        Assert.Contains("#indicator+queue_vehicles+median+num", tags);
        Assert.Contains("#meta+certainty+num", tags);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void HxlRules_BrokenTagsAndValues_AreReported()
    {
        // The checker itself must catch what it claims to.
        var problems = HxlRules.Check(["#date", "#Queue", "#indicator+num", "#geo+lat", "#nothing"], [["25/09/2022", "x", "many", "95", "y"]]);

        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public async Task GetDaily_Xlsx_OtherLibraryReadsTypedCellsAndFrozenHeader()
    {
        using var response = await fixture.Client.GetAsync(Day + "&format=xlsx&hxl=true");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(BorderWatch.Testing.TestArtifacts.Directory("exports"), "daily-2022-09-25.xlsx"), bytes);

        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        Assert.Equal("Daily summary", reader.Name);
        var names = SummaryColumns.All.Select(c => c.Name).ToList();
        Assert.True(reader.Read());
        Assert.Equal(names, Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)));
        Assert.True(reader.Read());
        Assert.Equal("#date+reported", reader.GetString(0));
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)]);
        }

        var lars = rows.Single(r => (string?)r[names.IndexOf("crossing")] == "upper-lars");
        Assert.Equal(new DateTime(2022, 9, 25), lars[names.IndexOf("date")]);
        Assert.Equal(new DateTime(2022, 9, 25, 5, 10, 0), lars[names.IndexOf("first_observed_at")]);
        Assert.Equal(5.0, lars[names.IndexOf("readings")]);
        Assert.Equal(76.0, lars[names.IndexOf("vehicles_p90")]);
        Assert.Equal(42.768056, lars[names.IndexOf("lat")]);
        Assert.Equal(false, lars[names.IndexOf("conflicting_sources")]);
        Assert.Equal(true, lars[names.IndexOf("complete")]);
        // A quantity nobody reported is an empty cell, its count a zero.
        var vaalimaa = rows.Single(r => (string?)r[names.IndexOf("crossing")] == "vaalimaa");
        Assert.Null(vaalimaa[names.IndexOf("vehicles_median")]);
        Assert.Equal(0.0, vaalimaa[names.IndexOf("vehicles_count")]);
        Assert.True(reader.NextResult());
        Assert.Equal("Provenance", reader.Name);

        // The header stays put: the data sheet has a frozen pane below the two header rows.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var panes = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Select(e => XDocument.Load(e.Open()).Descendants().FirstOrDefault(x => x.Name.LocalName == "pane"))
            .Where(p => p is not null).ToList();
        var pane = Assert.Single(panes)!;
        Assert.Equal(("frozen", "2", "A3"), ((string?)pane.Attribute("state"), (string?)pane.Attribute("ySplit"), (string?)pane.Attribute("topLeftCell")));
    }

    [Fact]
    public async Task GetDaily_Xlsx_ConformsToTheOpenXmlSchema()
    {
        // What Excel checks before it offers to "repair" a workbook: element order, attributes, styles.
        var bytes = await fixture.Client.GetByteArrayAsync(Day + "&format=xlsx");
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);

        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public async Task GetDaily_GeoJson_ValidRfc7946WithOneFeaturePerCrossing()
    {
        using var response = await fixture.Client.GetAsync(Day + "&format=geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Empty(await ExportValidators.CheckGeoJsonAsync(bytes));
        using var document = JsonDocument.Parse(bytes);
        var features = document.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(Gazetteer.Default.Crossings.Select(c => c.Slug).Order(), features.Select(f => f.GetProperty("id").GetString()!).Order());
        var lars = features.Single(f => f.GetProperty("id").GetString() == "upper-lars");
        var crossing = Gazetteer.Default.Find("upper-lars")!;
        Assert.Equal([crossing.Longitude, crossing.Latitude], lars.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var day = Assert.Single(lars.GetProperty("properties").GetProperty("days").EnumerateArray());
        Assert.Equal(("2022-09-25", 76.0), (day.GetProperty("date").GetString(), day.GetProperty("vehiclesP90").GetDouble()));
        Assert.Equal(0, features.Single(f => f.GetProperty("id").GetString() == "narva").GetProperty("properties").GetProperty("days").GetArrayLength());
        Assert.Equal("borderwatch-daily-summary/1", document.RootElement.GetProperty("provenance").GetProperty("methodology").GetString());
    }

    [Fact]
    public async Task GeoJsonChecker_BrokenDocument_ReportsIssues()
    {
        var issues = await ExportValidators.CheckGeoJsonAsync("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":["x",1]}}]}"""u8.ToArray());

        Assert.NotEmpty(issues);
    }

    [Fact]
    public async Task GetDaily_EveryFormat_CarriesTheSameValues()
    {
        var csvBytes = await fixture.Client.GetByteArrayAsync(Day + "&format=csv");
        using var json = JsonDocument.Parse(await fixture.Client.GetByteArrayAsync(Day + "&format=json"));
        using var csv = CsvReader.Create(new MemoryStream(csvBytes), Strict);
        var csvRows = new List<string[]>();
        while (csv.Read())
        {
            csvRows.Add(csv.Current.ToArray());
        }

        var jsonRows = json.RootElement.GetProperty("summaries").EnumerateArray().ToList();
        Assert.Equal(csvRows.Count, jsonRows.Count);
        foreach (var (csvRow, jsonRow) in csvRows.Zip(jsonRows))
        {
            for (var i = 0; i < SummaryColumns.All.Count; i++)
            {
                var value = jsonRow.GetProperty(SummaryColumns.All[i].JsonName);
                var asText = value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.GetRawText(),
                };
                Assert.True(csvRow[i] == asText, $"{SummaryColumns.All[i].Name}: csv '{csvRow[i]}' json '{asText}'");
            }
        }

        Assert.Equal(3, json.RootElement.GetProperty("provenance").GetProperty("totals").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task GetProvenance_Day_CountsReadingsAndNamesOnlyPublicSources()
    {
        using var provenance = JsonDocument.Parse(await fixture.Client.GetByteArrayAsync("api/summaries/daily/provenance?from=2022-09-25&to=2022-09-25&format=csv"));
        var root = provenance.RootElement;

        Assert.Equal("borderwatch-daily-summary/1", root.GetProperty("methodology").GetString());
        Assert.Equal(9, root.GetProperty("totals").GetProperty("readings").GetInt32());
        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.Contains(sources, s => s.GetProperty("name").GetString() == "FSB border service" && s.GetProperty("readings").GetInt32() == 2);
        Assert.DoesNotContain(sources, s => s.GetProperty("name").GetString() == "@someone_in_the_queue");
        Assert.Contains(sources, s => s.GetProperty("type").GetString() == "crowd" && s.GetProperty("name").ValueKind == JsonValueKind.Null);
        Assert.NotEmpty(root.GetProperty("rules").EnumerateArray());
    }

    [Fact]
    public async Task GetDaily_NoRange_IncludesTodaysRowsEastAndWestOfUtc()
    {
        // Whatever the hour, a reading made now lands on today's local date in Singapore (UTC+8) and in San Diego
        // (UTC−7/−8): the default range must hold both.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await fixture.Server.PostReadingAsync(new { crossing = "woodlands", observedAt = now, vehicles = 120 });
        await fixture.Server.PostReadingAsync(new { crossing = "san-ysidro", observedAt = now, waitHours = 1.5 });

        using var json = JsonDocument.Parse(await fixture.Client.GetByteArrayAsync("api/summaries/daily"));

        var rows = json.RootElement.GetProperty("summaries").EnumerateArray().Select(r => r.GetProperty("crossing").GetString()).ToList();
        Assert.Contains("woodlands", rows);
        Assert.Contains("san-ysidro", rows);
        Assert.All(json.RootElement.GetProperty("summaries").EnumerateArray(), r => Assert.False(r.GetProperty("complete").GetBoolean()));
    }

    [Theory]
    [InlineData("from=2022-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2022-09-30&to=2022-09-01", "from")]
    [InlineData("from=2000-01-01&to=2022-01-01", "to")]
    [InlineData("format=pdf", "format")]
    [InlineData("crossing=atlantis", "crossing")]
    [InlineData("format=json&hxl=true", "hxl")]
    [InlineData("format=csv&hxl=maybe", "hxl")]
    public async Task GetDaily_BadParameter_Returns400NamingTheField(string query, string field)
    {
        using var response = await fixture.Client.GetAsync("api/summaries/daily?" + query);

        await ExportValidators.AssertProblemNamesAsync(response, field);
    }
}
