using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Reports;

/// <summary>The report dry run is open to anyone, so one anonymous client gets a bounded share of it.</summary>
public sealed class ParseRateLimitTests : IAsyncLifetime
{
    private static readonly object Report = new { text = "Очередь на Верхнем Ларсе 14 км." };

    private readonly BorderWatchServer _server = new(new Dictionary<string, string?> { ["Security:AnonymousRequestsPerMinute"] = "3" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Parse_AnonymousClientOverTheLimit_429ProblemWithRetryAfterWhileKeyHoldersGoOn()
    {
        using var anonymous = _server.CreateApiClient(withKey: false);
        using var keyed = _server.CreateApiClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await anonymous.PostAsJsonAsync("api/reports/parse", Report);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await anonymous.PostAsJsonAsync("api/reports/parse", Report);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        // A key holder is not limited, and other routes are not counted.
        for (var i = 0; i < 5; i++)
        {
            using var withKey = await keyed.PostAsJsonAsync("api/reports/parse", Report);
            Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        }

        using var crossings = await anonymous.GetAsync("api/crossings");
        Assert.Equal(HttpStatusCode.OK, crossings.StatusCode);
    }
}
