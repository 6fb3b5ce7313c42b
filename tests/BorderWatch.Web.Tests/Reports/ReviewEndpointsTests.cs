using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Data.Audit;
using BorderWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Reports;

public sealed class ReviewEndpointsTests : IAsyncLifetime
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

    private async Task<long> PendingReadingAsync(string text = "Kazbegi: traffic stands for 12 km, people wait about 6 hours")
    {
        var body = await _client.PostReportAsync(new { text, publishedAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        var reading = Assert.Single(body.GetProperty("readings").EnumerateArray());
        Assert.Equal("pending", reading.GetProperty("status").GetString());
        return reading.GetProperty("id").GetInt64();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> DecideAsync(long id, object decision)
    {
        using var response = await _client.PostAsJsonAsync($"api/review/{id}", decision);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Accept_PendingReading_NewAcceptedVersionAuditedAndTheEstimateChanges()
    {
        var id = await PendingReadingAsync();

        var (status, accepted) = await DecideAsync(id, new { decision = "accept", note = "matches the webcam" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal(2, accepted.GetProperty("version").GetInt32());
        Assert.Equal(id, accepted.GetProperty("supersedes").GetInt64());
        Assert.Equal(0.9, accepted.GetProperty("confidence").GetDouble());
        var estimate = await _client.EstimateAsync("upper-lars");
        Assert.Equal(12, estimate.GetProperty("queueKm").GetDouble());
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement>("api/review")).EnumerateArray());
        var entry = Assert.Single(await _server.Services.GetRequiredService<AuditRepository>().ListAsync("reading", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("review.accepted", entry.Action);
        Assert.Equal("bootstrap", entry.Actor);
    }

    [Fact]
    public async Task Reject_PendingReading_RejectedVersionAndNoEstimate()
    {
        var id = await PendingReadingAsync();

        var (status, rejected) = await DecideAsync(id, new { decision = "reject" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var estimate = await _client.EstimateAsync("upper-lars");
        Assert.True(!estimate.TryGetProperty("asOf", out var asOf) || asOf.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Edit_CorrectedFigures_NewVersionWithTheReviewersNumbers()
    {
        var id = await PendingReadingAsync();

        var (status, corrected) = await DecideAsync(id, new { decision = "edit", queueKm = 10, waitHours = 5, direction = "outbound" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(10, corrected.GetProperty("queueKm").GetDouble());
        Assert.Equal(5, corrected.GetProperty("waitHours").GetDouble());
        Assert.Equal("outbound", corrected.GetProperty("direction").GetString());
        Assert.Equal("accepted", corrected.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Edit_OtherCrossing_RejectsTheOldAndStoresItWhereItBelongs()
    {
        var id = await PendingReadingAsync("Queue of 10 km at the border between Russia and Finland");

        var (status, moved) = await DecideAsync(id, new { decision = "edit", crossing = "nuijamaa", queueKm = 10 });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("nuijamaa", moved.GetProperty("crossing").GetString());
        Assert.Equal(10, (await _client.EstimateAsync("nuijamaa")).GetProperty("queueKm").GetDouble());
        var old = await _client.GetFromJsonAsync<JsonElement>($"api/readings/{id}");
        Assert.True(old.GetProperty("supersededBy").GetInt64() > id);
        Assert.Equal("review.moved", Assert.Single(await _server.Services.GetRequiredService<AuditRepository>().ListAsync("reading", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Action);
    }

    [Fact]
    public async Task Decide_Twice_SecondIs409()
    {
        var id = await PendingReadingAsync();
        await DecideAsync(id, new { decision = "accept" });

        var (status, _) = await DecideAsync(id, new { decision = "reject" });

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Theory]
    [InlineData("""{"decision":"maybe"}""", "decision")]
    [InlineData("""{"decision":"edit"}""", "queueKm")]
    [InlineData("""{"decision":"edit","queueKm":-1}""", "queueKm")]
    [InlineData("""{"decision":"edit","queueKm":1,"crossing":"atlantis"}""", "crossing")]
    [InlineData("""{"decision":"accept","direction":"sideways"}""", "direction")]
    public async Task Decide_BadInput_400NamingTheField(string body, string field)
    {
        var id = await PendingReadingAsync();

        using var response = await _client.PostAsync($"api/review/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Decide_UnknownReading_404()
    {
        var (status, _) = await DecideAsync(999_999, new { decision = "accept" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task ReviewPage_NotSignedIn_RedirectsToSignIn()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = _server.Address };

        using var response = await browser.GetAsync("review");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", (location.IsAbsoluteUri ? location : new Uri(_server.Address, location)).AbsolutePath);
    }

    [Fact]
    public async Task OpenApi_DescribesTheReportAndReviewRoutes()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "/api/reports", "/api/reports/parse", "/api/reports/import", "/api/review", "/api/review/{id}" }, paths);
    }

    [Fact]
    public async Task ReviewQueue_WithoutKey_401()
    {
        using var anonymous = _server.CreateApiClient(withKey: false);

        using var response = await anonymous.GetAsync("api/review");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
