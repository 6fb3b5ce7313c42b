using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Web.Tests.Endpoints;

namespace BorderWatch.Web.Tests.Embeds;

/// <summary>The widget routes on the real server: what a news site's page and a reader's browser get.</summary>
public sealed class EmbedEndpointsTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private readonly HttpClient _client = shared.Server.CreateApiClient(withKey: false);

    [Fact]
    public async Task Card_KnownCrossing_IsFramableCacheableAndSetsNoCookie()
    {
        using var response = await _client.GetAsync("embed/crossing/upper-lars?lang=ka&theme=dark");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors *", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("<html lang=\"ka\" dir=\"ltr\" class=\"bw-theme-dark bw-full\">", html, StringComparison.Ordinal);
        Assert.Contains("application/json+oembed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor.web.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_IfNoneMatchCurrentTag_Answers304()
    {
        using var first = await _client.GetAsync("embed/crossing/narva?lang=ru");
        using var request = new HttpRequestMessage(HttpMethod.Get, "embed/crossing/narva?lang=ru");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Card_ReadingAdded_ChangesTheEntityTag()
    {
        using var before = await _client.GetAsync("embed/crossing/salla");
        await shared.Server.PostReadingAsync(new { crossing = "salla", vehicles = 40 });

        using var after = await _client.GetAsync("embed/crossing/salla");

        Assert.NotEqual(before.Headers.ETag!.Tag, after.Headers.ETag!.Tag);
        Assert.Contains(">40</span>", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_BrotliAccepted_ServesCompressedHtml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "embed/crossing/vartius");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var response = await _client.SendAsync(request);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Theory]
    [InlineData("embed/crossing/atlantis", HttpStatusCode.NotFound, null)]
    [InlineData("embed/crossing/narva?lang=xx", HttpStatusCode.BadRequest, "lang")]
    [InlineData("embed/crossing/narva?theme=pink", HttpStatusCode.BadRequest, "theme")]
    [InlineData("embed/crossing/narva?height=5", HttpStatusCode.BadRequest, "height")]
    [InlineData("embed/map?crossings=narva,atlantis", HttpStatusCode.BadRequest, "crossings")]
    [InlineData("embed/map?from=2022-09-21", HttpStatusCode.BadRequest, "to")]
    public async Task Widgets_BadInput_ProblemDetailsNamingTheField(string url, HttpStatusCode status, string? field)
    {
        using var response = await _client.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }

    [Fact]
    public async Task CardJson_AfterReading_HasTrimmedEstimateAndSparkline()
    {
        await shared.Server.PostReadingAsync(new { crossing = "luhamaa", vehicles = 300, observedAt = DateTimeOffset.UtcNow.AddHours(-3) });
        await shared.Server.PostReadingAsync(new { crossing = "luhamaa", vehicles = 500 });

        var card = await _client.GetFromJsonAsync<JsonElement>("embed/crossing/luhamaa/card.json");

        var estimate = card.GetProperty("estimate");
        Assert.Equal("luhamaa", estimate.GetProperty("crossing").GetString());
        Assert.False(estimate.TryGetProperty("readingIds", out _));
        var spark = card.GetProperty("spark").EnumerateArray().ToList();
        Assert.True(spark.Count >= 2, $"expected hourly points over the last 3 h, got {spark.Count}");
        Assert.Equal(Math.Round(estimate.GetProperty("vehicles").GetDouble()), spark[^1][1].GetDouble());
    }

    [Fact]
    public async Task MapJson_PastMoment_FusesOnlyReadingsUpToThen()
    {
        var then = DateTimeOffset.UtcNow.AddDays(-2);
        await shared.Server.PostReadingAsync(new { crossing = "terehova", vehicles = 100, observedAt = then });
        await shared.Server.PostReadingAsync(new { crossing = "terehova", vehicles = 900 });

        var past = await _client.GetFromJsonAsync<JsonElement[]>($"embed/map/data.json?crossings=terehova&to={Uri.EscapeDataString(then.AddMinutes(1).ToString("O"))}");
        var now = await _client.GetFromJsonAsync<JsonElement[]>("embed/map/data.json?crossings=terehova");

        Assert.Equal(100, past![0].GetProperty("estimate").GetProperty("vehicles").GetDouble());
        Assert.Equal(900, now![0].GetProperty("estimate").GetProperty("vehicles").GetDouble());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("crossings")]
    [InlineData("crossings/upper-lars")]
    [InlineData("widgets")]
    [InlineData("api/crossings")]
    [InlineData("healthz")]
    [InlineData("account/login")]
    public async Task OtherRoutes_ForbidFraming(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", string.Join(';', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/crossings/narva", true)]
    [InlineData("embed/crossing/narva/card.json", true)]
    [InlineData("oembed?url=http://localhost/crossings/narva", true)]
    [InlineData("api/readings/cursor", false)]
    [InlineData("crossings", false)]
    public async Task Cors_OnlyOnPublicReadOnlyData(string url, bool allowed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", "https://news.example");

        using var response = await _client.SendAsync(request);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Single() == "*");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Cors_WriteApiPreflight_IsNotAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "api/readings");
        request.Headers.Add("Origin", "https://news.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_HubNegotiatePreflight_IsAllowedWithoutCredentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "hubs/queues/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://news.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _client.SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task CrossingPage_PrerenderedHead_HasOEmbedDiscoveryLink()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("crossings/narva"));

        Assert.Contains("<link rel=\"alternate\" type=\"application/json+oembed\"", html, StringComparison.Ordinal);
        Assert.Contains("/oembed?url=http%3A%2F%2F127.0.0.1%3A", html, StringComparison.Ordinal);
        Assert.Contains("%2Fcrossings%2Fnarva&format=json", html, StringComparison.Ordinal);
    }
}
