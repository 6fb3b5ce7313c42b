using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Endpoints;

public sealed class ReadingEndpointsTests : IAsyncLifetime
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
    public async Task Post_ValidReading_Returns201AndUpdatesTheCrossingEstimate()
    {
        var observed = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var response = await _client.PostAsJsonAsync("api/readings", new { crossing = "vaalimaa", queueKm = 0.45, observedAt = observed, direction = "inbound", source = new { name = "Finnish Border Guard", type = "official" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<Reading>(BorderWatchJson.Options);
        Assert.Equal($"/api/readings/{stored!.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(ReadingKind.Manual, stored.Kind);

        var crossing = await _client.GetFromJsonAsync<JsonElement>("api/crossings/vaalimaa");
        var estimate = crossing.GetProperty("estimate");
        Assert.Equal(0.45, estimate.GetProperty("queueKm").GetDouble(), 6);
        Assert.Equal(stored.Id, estimate.GetProperty("readingIds")[0].GetInt64());
        Assert.Equal("inbound", estimate.GetProperty("direction").GetString());

        var listed = await _client.GetFromJsonAsync<Reading[]>("api/crossings/vaalimaa/readings", BorderWatchJson.Options);
        Assert.Equal(stored.Id, Assert.Single(listed!).Id);
    }

    [Fact]
    public async Task Post_WithoutKey_Returns401ProblemAndStoresNothing()
    {
        using var anonymous = _server.CreateApiClient(withKey: false);

        using var response = await anonymous.PostAsJsonAsync("api/readings", new { crossing = "vaalimaa", queueKm = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await CountReadingsAsync());
    }

    [Fact]
    public async Task Post_WrongKey_Returns401()
    {
        using var client = _server.CreateApiClient(withKey: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", "bw_not_a_real_key_at_all_0000000000");

        using var response = await client.PostAsJsonAsync("api/readings", new { crossing = "vaalimaa", queueKm = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"crossing":"atlantis","queueKm":1}""", "crossing" },
        { """{"crossing":"vaalimaa","queueKm":-3}""", "queueKm" },
        { """{"crossing":"vaalimaa","vehicles":9999999}""", "vehicles" },
        { """{"crossing":"vaalimaa","waitHours":100000}""", "waitHours" },
        { """{"crossing":"vaalimaa","queueKm":1,"observedAt":"2099-01-01T00:00:00Z"}""", "observedAt" },
        { """{"crossing":"vaalimaa","queueKm":"fourteen"}""", "$.queueKm" },
        { """{"crossing":"vaalimaa","queue_km":14}""", "$.queue_km" },
        { """{"crossing":"vaalimaa","queueKm":1""", "$.queueKm" },
        { """{"crossing":"vaalimaa","queueKm":1,"confidence":2}""", "confidence" },
        { """{"crossing":"vaalimaa"}""", "queueKm" },
        { "null", "$" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_BadInput_Returns400NamingTheFieldAndStoresNothing(string body, string field)
    {
        using var response = await _client.PostAsync("api/readings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(0, await CountReadingsAsync());
    }

    [Fact]
    public async Task Post_OversizedBody_Returns413()
    {
        var body = "{\"crossing\":\"vaalimaa\",\"queueKm\":1,\"source\":{\"excerpt\":\"" + new string('x', 100_000) + "\"}}";

        using var response = await _client.PostAsync("api/readings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountReadingsAsync());
    }

    [Fact]
    public async Task Post_NotJson_Returns415()
    {
        using var response = await _client.PostAsync("api/readings", new StringContent("crossing=vaalimaa", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Correction_NewVersion_SupersedesTheOldAndASecondCorrectionOfTheOldConflicts()
    {
        var original = await _server.PostReadingAsync(new { crossing = "narva", vehicles = 400 });

        using var corrected = await _client.PostAsJsonAsync($"api/readings/{original.Id}/corrections", new { vehicles = 40 });
        using var again = await _client.PostAsJsonAsync($"api/readings/{original.Id}/corrections", new { vehicles = 41 });

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        var version = await corrected.Content.ReadFromJsonAsync<Reading>(BorderWatchJson.Options);
        Assert.Equal(2, version!.Version);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var old = await _client.GetFromJsonAsync<Reading>($"api/readings/{original.Id}", BorderWatchJson.Options);
        Assert.Equal(400, old!.Vehicles);
        Assert.Equal(version.Id, old.SupersededBy);
        var estimate = (await _client.GetFromJsonAsync<JsonElement>("api/crossings/narva")).GetProperty("estimate");
        Assert.Equal(40, estimate.GetProperty("vehicles").GetDouble(), 6);
    }

    [Fact]
    public async Task ListAfter_Cursor_ReturnsOnlyLaterReadings()
    {
        var first = await _server.PostReadingAsync(new { crossing = "koidula", vehicles = 10 });
        var cursor = await _client.GetFromJsonAsync<JsonElement>("api/readings/cursor");
        var second = await _server.PostReadingAsync(new { crossing = "koidula", vehicles = 20 });

        var later = await _client.GetFromJsonAsync<Reading[]>($"api/readings?after={cursor.GetProperty("lastId").GetInt64()}", BorderWatchJson.Options);

        Assert.Equal(first.Id, cursor.GetProperty("lastId").GetInt64());
        Assert.Equal([second.Id], later!.Select(r => r.Id));
    }

    [Theory]
    [InlineData("api/crossings/vaalimaa/readings?limit=0", "limit")]
    [InlineData("api/crossings/vaalimaa/readings?from=yesterday", "from")]
    [InlineData("api/crossings/vaalimaa/readings?from=2022-09-25&to=2022-09-24", "from")]
    [InlineData("api/readings?after=-5", "after")]
    public async Task Get_BadQuery_Returns400NamingTheParameter(string url, string field)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("api/crossings/atlantis")]
    [InlineData("api/crossings/atlantis/readings")]
    [InlineData("api/readings/987654")]
    public async Task Get_Unknown_Returns404Problem(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private async Task<int> CountReadingsAsync() =>
        (await _client.GetFromJsonAsync<JsonElement[]>("api/readings?after=0&limit=1000"))!.Length;
}
