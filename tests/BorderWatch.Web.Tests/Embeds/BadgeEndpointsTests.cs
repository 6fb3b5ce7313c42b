using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;
using BorderWatch.Web.Tests.Endpoints;

namespace BorderWatch.Web.Tests.Embeds;

/// <summary>The status badges: valid XML, cacheable, coloured by severity, and a PNG where SVG is not taken.</summary>
public sealed class BadgeEndpointsTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly HttpClient _client = shared.Server.CreateApiClient(withKey: false);

    [Fact]
    public async Task Svg_AfterReading_IsWellFormedXmlWithTitleAndSeverityColour()
    {
        await shared.Server.PostReadingAsync(new { crossing = "kyakhta", waitHours = 30, vehicles = 800 });

        using var response = await _client.GetAsync("badge/kyakhta.svg");
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal("Kyakhta: wait 30 h", document.Root.Element(Svg + "title")!.Value);
        Assert.Equal(["Kyakhta", "wait 30 h"], document.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal("#c62828", document.Root.Element(Svg + "path")!.Attribute("fill")!.Value);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl.MaxAge);
    }

    [Fact]
    public async Task Svg_GeorgianQueue_ParsesAndKeepsTheScript()
    {
        await shared.Server.PostReadingAsync(new { crossing = "sadakhlo", queueKm = 2.5 });

        var document = XDocument.Parse(await _client.GetStringAsync("badge/sadakhlo.svg?lang=ka&metric=queue"));

        Assert.Equal("სადახლო: რიგი 2,5 კმ", document.Root!.Element(Svg + "title")!.Value);
    }

    [Fact]
    public async Task Svg_IfNoneMatch_Answers304()
    {
        using var first = await _client.GetAsync("badge/narva.svg");
        using var request = new HttpRequestMessage(HttpMethod.Get, "badge/narva.svg");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Png_Scale2_IsAPngTwiceTheBadgeHeight()
    {
        using var response = await _client.GetAsync("badge/upper-lars.png?scale=2");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // IHDR: width at byte 16, height at byte 20, big-endian.
        Assert.Equal(40, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)) > 100);
    }

    [Theory]
    [InlineData("badge/atlantis.svg", HttpStatusCode.NotFound)]
    [InlineData("badge/narva.svg?metric=speed", HttpStatusCode.BadRequest)]
    [InlineData("badge/narva.png?scale=9", HttpStatusCode.BadRequest)]
    public async Task Badge_BadInput_4xx(string url, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
    }
}
