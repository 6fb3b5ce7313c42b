using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_DemoSeedOnEmptyDatabase_StoresReplayFlaggedAsDemo()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        using var client = server.CreateApiClient(withKey: false);

        var readings = await client.GetFromJsonAsync<Reading[]>("api/crossings/upper-lars/readings?from=2022-09-21&to=2022-10-01&limit=1000", BorderWatchJson.Options);
        var estimate = (await client.GetFromJsonAsync<JsonElement>("api/crossings/upper-lars")).GetProperty("estimate");

        Assert.NotEmpty(readings!);
        Assert.All(readings!, r => Assert.True(r.IsDemo));
        Assert.True(estimate.GetProperty("isDemo").GetBoolean());
        Assert.True(estimate.GetProperty("isStale").GetBoolean());
    }

    [Fact]
    public async Task Start_ExistingDatabase_KeepsReadingsAndDoesNotReseed()
    {
        var directory = Directory.CreateTempSubdirectory("borderwatch-restart-").FullName;
        try
        {
            long id;
            await using (var first = new BorderWatchServer(dataDirectory: directory))
            {
                id = (await first.PostReadingAsync(new { crossing = "storskog", vehicles = 12 })).Id;
            }

            await using var second = new BorderWatchServer(new Dictionary<string, string?> { ["Demo:Seed"] = "true" }, dataDirectory: directory);
            using var client = second.CreateApiClient();
            var all = await client.GetFromJsonAsync<Reading[]>("api/readings?after=0&limit=1000", BorderWatchJson.Options);

            Assert.Equal([id], all!.Select(r => r.Id));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_NoBootstrapKey_GeneratesAKeyThatWorks()
    {
        var output = new StringWriter();
        await using var server = new BorderWatchServer(
            new Dictionary<string, string?> { ["Security:BootstrapApiKey"] = "" },
            services: services => services.AddKeyedSingleton<TextWriter>(Security.ApiKeyBootstrapper.OutputKey, output));
        _ = server.Address;
        var key = System.Text.RegularExpressions.Regex.Match(output.ToString(), "bw_[A-Za-z0-9_-]{43}").Value;
        using var client = server.CreateApiClient(withKey: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.PostAsJsonAsync("api/readings", new { crossing = "salla", vehicles = 3 });

        Assert.NotEmpty(key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Start_ShortBootstrapKey_FailsWithAClearMessage()
    {
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Security:BootstrapApiKey"] = "short" });

        var error = Assert.ThrowsAny<Exception>(() => server.Address);

        Assert.Contains("Security:BootstrapApiKey", error.ToString(), StringComparison.Ordinal);
    }
}
