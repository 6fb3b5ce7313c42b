using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Serialization;
using BorderWatch.Data.Exports;
using BorderWatch.Testing;
using ExcelDataReader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>The daily export job on a real server: files in the folder, the webhook over real HTTP, retries, history.</summary>
public sealed class DailyExportJobTests : IAsyncDisposable
{
    private const string Secret = "webhook-secret-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("borderwatch-exports-").FullName;

    static DailyExportJobTests()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    }

    [Fact]
    public async Task RunNow_Day_WritesEveryFormatAndPostsSignedJson()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        await using var server = Server(hook.Url, formats: "csv,xlsx,json,geojson");
        await server.PostReadingAsync(new { crossing = "medyka", observedAt = "2022-03-01T08:00:00Z", vehicles = 400, source = new { name = "Straż Graniczna", type = "official" } });
        using var client = server.CreateApiClient();

        using var response = await client.PostAsync("api/exports/runs?date=2022-03-01", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<ExportRun>(BorderWatchJson.Options))!;
        Assert.Equal((ExportRun.Succeeded, 1, 1, 200), (run.Status, run.Attempts, run.Rows, run.WebhookStatus));
        string[] expected =
        [
            "borderwatch-daily-2022-03-01.csv", "borderwatch-daily-2022-03-01.xlsx", "borderwatch-daily-2022-03-01.json",
            "borderwatch-daily-2022-03-01.geojson", "borderwatch-daily-2022-03-01.provenance.json",
        ];
        Assert.Equal(expected, run.Files);
        Assert.Equal(expected.Order(), Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
        Assert.Contains("medyka,", await File.ReadAllTextAsync(Path.Combine(_folder, expected[0])), StringComparison.Ordinal);
        using (var xlsx = ExcelReaderFactory.CreateOpenXmlReader(File.OpenRead(Path.Combine(_folder, expected[1]))))
        {
            Assert.Equal(3, CountRows(xlsx)); // header, HXL row, medyka
        }

        Assert.Empty(await ExportValidators.CheckGeoJsonAsync(await File.ReadAllBytesAsync(Path.Combine(_folder, expected[3]))));
        var (headers, body) = Assert.Single(hook.Received);
        Assert.Equal("daily-summary", headers["X-BorderWatch-Event"].ToString());
        Assert.Equal("2022-03-01", headers["X-BorderWatch-Date"].ToString());
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        Assert.Equal(signature, headers["X-BorderWatch-Signature"].ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(400, json.RootElement.GetProperty("summaries")[0].GetProperty("vehiclesMax").GetDouble());

        var history = await client.GetFromJsonAsync<ExportRun[]>("api/exports/runs", BorderWatchJson.Options);
        Assert.Equal(run.Id, Assert.Single(history!).Id);
    }

    [Fact]
    public async Task RunNow_WebhookFailsTwice_RetriesAndSucceedsOnTheThirdAttempt()
    {
        await using var hook = await WebhookReceiver.StartAsync(500, 503);
        await using var server = Server(hook.Url);
        using var client = server.CreateApiClient();

        using var response = await client.PostAsync("api/exports/runs?date=2022-03-01", null);
        var run = (await response.Content.ReadFromJsonAsync<ExportRun>(BorderWatchJson.Options))!;

        Assert.Equal((ExportRun.Succeeded, 3, 200, (string?)null), (run.Status, run.Attempts, run.WebhookStatus, run.Error));
        Assert.Equal(3, hook.Received.Count);
    }

    [Fact]
    public async Task RunNow_WebhookAlwaysFails_RecordsFailureWithoutTheUrlOrPartialFiles()
    {
        await using var hook = await WebhookReceiver.StartAsync(500, 500, 500);
        await using var server = Server(hook.Url);
        using var client = server.CreateApiClient();

        var run = (await (await client.PostAsync("api/exports/runs?date=2022-03-01", null)).Content.ReadFromJsonAsync<ExportRun>(BorderWatchJson.Options))!;

        Assert.Equal((ExportRun.Failed, 3, 500), (run.Status, run.Attempts, run.WebhookStatus));
        Assert.Contains("500", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-url", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunNow_ExportFolderCannotBeCreated_FailsAndSaysWhyWithoutTheServerPath()
    {
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the export folder should be");
        await using var server = Server(null, directory: blocker);
        using var client = server.CreateApiClient();

        var run = (await (await client.PostAsync("api/exports/runs?date=2022-03-01", null)).Content.ReadFromJsonAsync<ExportRun>(BorderWatchJson.Options))!;

        Assert.Equal((ExportRun.Failed, 3), (run.Status, run.Attempts));
        Assert.Contains("export folder", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder, run.Error, StringComparison.Ordinal);
        Assert.Equal([blocker], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task RunNow_WithoutKey_Returns401AndRunsNothing()
    {
        await using var server = Server(null);
        using var anonymous = server.CreateApiClient(withKey: false);

        using var response = await anonymous.PostAsync("api/exports/runs", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await anonymous.GetFromJsonAsync<ExportRun[]>("api/exports/runs", BorderWatchJson.Options) ?? []);
    }

    [Fact]
    public async Task Schedule_ServerStartsAfterTheDailyTime_CatchesUpYesterday()
    {
        await using var server = Server(null, settings: new() { ["Exports:ScheduleEnabled"] = "true", ["Exports:ScheduleTime"] = "00:00" });
        using var client = server.CreateApiClient();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var run = await Eventually.WaitAsync(
            async () => (await Runs(client)).SingleOrDefault(r => r.Status == ExportRun.Succeeded), r => r is not null, TimeSpan.FromSeconds(20), "the catch-up run");

        Assert.Equal(("schedule", yesterday), (run!.Trigger, run.ForDate));
        Assert.True(File.Exists(Path.Combine(_folder, $"borderwatch-daily-{yesterday:yyyy-MM-dd}.csv")));
    }

    [Fact]
    public async Task Schedule_ClockReachesTheDailyTime_ExportsThePreviousLocalDay()
    {
        // 05:59 in Helsinki (02:59Z) on 25 Sep 2022; the export runs at 06:00 local for the 24th.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2022-09-25T02:59:00Z"));
        await using var server = Server(null,
            settings: new() { ["Exports:ScheduleEnabled"] = "true", ["Exports:ScheduleTime"] = "06:00", ["Exports:ScheduleTimeZone"] = "Europe/Helsinki" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = server.CreateApiClient();
        // At start it catches up the run of 24 Sep 06:00 (for the 23rd).
        await Eventually.WaitAsync(
            async () => (await Runs(client)).Any(r => r.ForDate == new DateOnly(2022, 9, 23) && r.Status == ExportRun.Succeeded), done => done, TimeSpan.FromSeconds(20), "the catch-up run");
        Assert.DoesNotContain(await Runs(client), r => r.ForDate == new DateOnly(2022, 9, 24));

        clock.Advance(TimeSpan.FromMinutes(2));

        var run = await Eventually.WaitAsync(
            async () => (await Runs(client)).SingleOrDefault(r => r.ForDate == new DateOnly(2022, 9, 24) && r.Status == ExportRun.Succeeded),
            r => r is not null, TimeSpan.FromSeconds(20), "the 06:00 run");
        Assert.Equal(DateTimeOffset.Parse("2022-09-25T03:01:00Z"), run!.StartedAt);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static async Task<ExportRun[]> Runs(HttpClient client) =>
        (await client.GetFromJsonAsync<ExportRun[]>("api/exports/runs", BorderWatchJson.Options))!;

    private BorderWatchServer Server(Uri? webhook, string formats = "csv,xlsx,geojson", string? directory = null,
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Exports:Directory"] = directory ?? _folder,
            ["Exports:Formats"] = formats,
            ["Exports:WebhookUrl"] = webhook?.ToString() ?? "",
            ["Exports:WebhookSecret"] = Secret,
            ["Exports:RetryDelaySeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new BorderWatchServer(all, services: services);
    }

    private static int CountRows(IExcelDataReader reader)
    {
        var rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        return rows;
    }
}
