using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Endpoints;

public sealed class CrossingEndpointsTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private readonly HttpClient _client = shared.Server.CreateApiClient(withKey: false);

    [Fact]
    public async Task List_ReturnsEveryGazetteerCrossingWithAnEstimate()
    {
        var crossings = await _client.GetFromJsonAsync<JsonElement[]>("api/crossings");

        Assert.True(crossings!.Length >= 40);
        var upperLars = crossings.Single(c => c.GetProperty("slug").GetString() == "upper-lars");
        Assert.Equal(["RU", "GE"], upperLars.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.True(upperLars.TryGetProperty("estimate", out _));
        Assert.Contains(upperLars.GetProperty("aliases").EnumerateArray(), a => a.GetProperty("text").GetString() == "Верхний Ларс");
    }

    [Fact]
    public async Task List_SaysWhichPositionsAreOurOwnEstimates()
    {
        var crossings = await _client.GetFromJsonAsync<JsonElement[]>("api/crossings");

        // A map that embeds these must be able to say "approximate" where the gazetteer does.
        foreach (var crossing in crossings!)
        {
            var slug = crossing.GetProperty("slug").GetString()!;
            Assert.Equal(Core.Crossings.Gazetteer.Default.Find(slug)!.CoordinateVerified, crossing.GetProperty("coordinateVerified").GetBoolean());
        }

        Assert.Contains(crossings, c => c.GetProperty("coordinateVerified").GetBoolean());
        Assert.Contains(crossings, c => !c.GetProperty("coordinateVerified").GetBoolean());
    }

    [Fact]
    public async Task Healthz_FreshServer_IsHealthyWithVision()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("healthz");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
        Assert.True(health.GetProperty("vision").GetProperty("analyse").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_DescribesTheContractRoutes()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Superset(
            new HashSet<string> { "/api/crossings", "/api/crossings/{slug}", "/api/crossings/{slug}/readings", "/api/readings", "/healthz" },
            paths.ToHashSet());
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var post = document.GetProperty("paths").GetProperty("/api/readings").GetProperty("post");
        Assert.True(post.TryGetProperty("security", out _), "POST /api/readings should declare the API key");
        var get = document.GetProperty("paths").GetProperty("/api/crossings").GetProperty("get");
        Assert.False(get.TryGetProperty("security", out _), "reading the crossings needs no key");
    }

    [Fact]
    public async Task ApiReference_IsServedWithoutThirdPartyScripts()
    {
        using var response = await _client.GetAsync("api/reference/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_CrossingsAndCrossing_RenderOnTheServer()
    {
        var list = await _client.GetStringAsync("crossings");
        var page = await _client.GetStringAsync("crossings/upper-lars");

        Assert.Contains("Vaalimaa", list, StringComparison.Ordinal);
        Assert.Contains("Upper Lars", page, StringComparison.Ordinal);
    }
}

/// <summary>One server for read-only tests of a class.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public BorderWatchServer Server { get; } = new();

    public Task InitializeAsync()
    {
        _ = Server.Address;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
