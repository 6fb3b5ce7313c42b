using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Web.Tests.Endpoints;

namespace BorderWatch.Web.Tests.Embeds;

/// <summary>The oEmbed provider against the spec (oembed.com, version 1.0, type rich).</summary>
public sealed class OEmbedEndpointsTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private readonly HttpClient _client = shared.Server.CreateApiClient(withKey: false);

    private string Root => shared.Server.Address.ToString().TrimEnd('/');

    [Theory]
    [InlineData("/crossings/upper-lars")]
    [InlineData("/embed/crossing/upper-lars?lang=ar")]
    [InlineData("/embed/map?crossings=vaalimaa,nuijamaa")]
    public async Task Get_BorderWatchUrl_RichResponseWithEveryRequiredField(string path)
    {
        var response = await GetAsync(Root + path);

        // oEmbed 2.3.4: type and version always; rich adds html, width and height.
        Assert.Equal("rich", response.GetProperty("type").GetString());
        Assert.Equal("1.0", response.GetProperty("version").GetString());
        var html = response.GetProperty("html").GetString()!;
        Assert.StartsWith("<iframe src=\"" + Root, html, StringComparison.Ordinal);
        Assert.True(response.GetProperty("width").GetInt32() > 0);
        Assert.True(response.GetProperty("height").GetInt32() > 0);
        Assert.Equal("BorderWatch", response.GetProperty("provider_name").GetString());
        Assert.Equal(Root, response.GetProperty("provider_url").GetString());
        Assert.True(response.GetProperty("cache_age").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(response.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Get_EmbedUrlWithOptions_KeepsThemInTheIframe()
    {
        var response = await GetAsync($"{Root}/embed/crossing/upper-lars?lang=ar&theme=dark");

        Assert.Contains("/embed/crossing/upper-lars?theme=dark&amp;lang=ar", response.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("لارس العليا", response.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MaxWidthAndMaxHeight_AreNeverExceeded()
    {
        var response = await GetAsync($"{Root}/crossings/narva", "&maxwidth=320&maxheight=150");

        Assert.Equal(320, response.GetProperty("width").GetInt32());
        Assert.True(response.GetProperty("height").GetInt32() <= 150);
        // Short of room, the consumer gets the compact card rather than a clipped full one.
        Assert.Contains("layout=compact", response.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FormatXml_Answers501()
    {
        using var response = await _client.GetAsync($"oembed?url={Uri.EscapeDataString(Root + "/crossings/narva")}&format=xml");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Theory]
    [InlineData("/crossings/atlantis")]
    [InlineData("/embed/crossing/narva?lang=xx")]
    [InlineData("/api/readings")]
    public async Task Get_UnknownUrl_Answers404(string path)
    {
        using var response = await _client.GetAsync($"oembed?url={Uri.EscapeDataString(Root + path)}&format=json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_AnotherSitesUrl_Answers404()
    {
        using var response = await _client.GetAsync($"oembed?url={Uri.EscapeDataString("https://evil.example/crossings/narva")}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("", "url")]
    [InlineData("&maxwidth=wide", "maxwidth")]
    public async Task Get_BadParameters_ProblemNamingTheField(string query, string field)
    {
        var url = field == "url" ? "oembed?format=json" : $"oembed?url={Uri.EscapeDataString(Root + "/crossings/narva")}{query}";

        using var response = await _client.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<JsonElement> GetAsync(string url, string extra = "")
    {
        using var response = await _client.GetAsync($"oembed?url={Uri.EscapeDataString(url)}&format=json{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
