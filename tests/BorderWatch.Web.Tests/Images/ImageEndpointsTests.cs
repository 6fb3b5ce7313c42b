using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Images;

public sealed class ImageEndpointsTests : IAsyncLifetime
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
    public async Task Upload_GeneratedScene_Returns201WithEstimateReadingAndRedactedImages()
    {
        var (jpeg, truth, _) = TestScenes.Generate(8);
        var withGps = TestScenes.WithExif(jpeg, "GPSLatitude 60.5683 N GPSLongitude 27.7 E; Artist Jane Doe");

        using var response = await _client.PostAsync("api/images", Form(withGps, "vaalimaa", truth.Lane.FormatPoints(), truth.Lane.FormatWidths()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(BorderWatchJson.Options);
        var image = body.GetProperty("image");
        var uid = image.GetProperty("uid").GetString()!;
        Assert.Equal($"/api/images/{uid}", response.Headers.Location!.OriginalString);
        var analysis = body.GetProperty("analysis");
        Assert.InRange(analysis.GetProperty("vehicles").GetInt32(), 0, 200);
        Assert.Equal(2, analysis.GetProperty("queueEnd").GetArrayLength());
        var reading = body.GetProperty("reading").Deserialize<Reading>(BorderWatchJson.Options)!;
        Assert.Equal(ReadingKind.Image, reading.Kind);
        Assert.Equal(uid, reading.Source.ImageId);
        Assert.Equal(analysis.GetProperty("vehicles").GetInt32(), reading.Vehicles);

        var stored = await _client.GetByteArrayAsync($"api/images/{uid}");
        Assert.Equal([0xFF, 0xD8], stored[..2]);
        var text = Encoding.Latin1.GetString(stored);
        Assert.DoesNotContain("GPS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", text, StringComparison.Ordinal);
        using var overlay = await _client.GetAsync($"api/images/{uid}/overlay");
        Assert.Equal("image/jpeg", overlay.Content.Headers.ContentType!.MediaType);

        var listed = await _client.GetFromJsonAsync<Reading[]>("api/crossings/vaalimaa/readings", BorderWatchJson.Options);
        Assert.Equal(reading.Id, Assert.Single(listed!).Id);
        // Only the redacted image and its overlay are on disk: the original upload is not kept.
        var files = Directory.GetFiles(Path.Combine(_server.DataDirectory, "images"), "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(new[] { uid + ".jpg", uid + ".overlay.jpg" }, files);
    }

    [Fact]
    public async Task Upload_TextFile_Returns415AndStoresNothing()
    {
        using var response = await _client.PostAsync("api/images", Form(Encoding.UTF8.GetBytes("3 km queue at Vaalimaa"), "vaalimaa", "10,10 100,100"));

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "not a JPEG");
    }

    [Fact]
    public async Task Upload_TruncatedJpeg_Returns422AndStoresNothing()
    {
        var (jpeg, truth, _) = TestScenes.Generate(2);

        using var response = await _client.PostAsync("api/images", Form(jpeg[..(jpeg.Length / 3)], "vaalimaa", truth.Lane.FormatPoints()));

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "truncated");
    }

    [Fact]
    public async Task Upload_DecompressionBombHeader_Returns413BeforeDecoding()
    {
        var (jpeg, truth, _) = TestScenes.Generate(2);
        var bomb = (byte[])jpeg.Clone();
        for (var i = 2; i < bomb.Length - 9; i++)
        {
            if (bomb[i] == 0xFF && bomb[i + 1] == 0xC0)
            {
                bomb[i + 5] = 0xEA;
                bomb[i + 6] = 0x60;
                bomb[i + 7] = 0xEA;
                bomb[i + 8] = 0x60;
                break;
            }
        }

        using var response = await _client.PostAsync("api/images", Form(bomb, "vaalimaa", truth.Lane.FormatPoints()));

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, "60,000×60,000");
    }

    [Fact]
    public async Task Upload_PolyglotJpegAndHtml_Returns422AndStoresNothing()
    {
        var (jpeg, truth, _) = TestScenes.Generate(2);
        var polyglot = jpeg.Concat(Encoding.ASCII.GetBytes("<html><body><script>fetch('/steal')</script></body></html>" + new string(' ', 600))).ToArray();

        using var response = await _client.PostAsync("api/images", Form(polyglot, "vaalimaa", truth.Lane.FormatPoints()));

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "polyglot");
    }

    [Fact]
    public async Task Upload_LaneOutsideImage_Returns400NamingTheLane()
    {
        var (jpeg, _, _) = TestScenes.Generate(2);

        using var response = await _client.PostAsync("api/images", Form(jpeg, "vaalimaa", "100,100 2000,300"));

        var problem = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "outside");
        Assert.True(problem.GetProperty("errors").TryGetProperty("lane", out _));
    }

    [Fact]
    public async Task Upload_LaneOfOnePoint_Returns400()
    {
        var (jpeg, _, _) = TestScenes.Generate(2);

        using var response = await _client.PostAsync("api/images", Form(jpeg, "vaalimaa", "100,100"));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "at least two points");
    }

    [Fact]
    public async Task Upload_UnknownCrossingAndNoImage_Returns400NamingBothFields()
    {
        using var form = new MultipartFormDataContent { { new StringContent("atlantis"), "crossing" }, { new StringContent("1,1 50,50"), "lane" } };

        using var response = await _client.PostAsync("api/images", form);

        var problem = await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("crossing", out _));
        Assert.True(errors.TryGetProperty("image", out _));
    }

    [Fact]
    public async Task Upload_WithoutKey_Returns401()
    {
        using var anonymous = _server.CreateApiClient(withKey: false);
        var (jpeg, truth, _) = TestScenes.Generate(2);

        using var response = await anonymous.PostAsync("api/images", Form(jpeg, "vaalimaa", truth.Lane.FormatPoints()));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "");
    }

    [Fact]
    public async Task Upload_CascadesMissing_StoresTheNumbersButNoImage()
    {
        var noCascades = Directory.CreateTempSubdirectory("bw-nocascades-").FullName;
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Vision:CascadeDirectory"] = noCascades });
        using var client = server.CreateApiClient();
        var (jpeg, truth, _) = TestScenes.Generate(4);

        using var response = await client.PostAsync("api/images", Form(jpeg, "nuijamaa", truth.Lane.FormatPoints(), truth.Lane.FormatWidths()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("image").ValueKind);
        Assert.Contains("not stored", body.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reading").GetProperty("source").GetProperty("imageId").ValueKind);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "images")) &&
            Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "images"), "*", SearchOption.AllDirectories).Any());
        var health = await client.GetFromJsonAsync<JsonElement>("healthz");
        Assert.False(health.GetProperty("vision").GetProperty("publishImages").GetBoolean());
        Directory.Delete(noCascades);
    }

    [Fact]
    public async Task GetImage_Unknown_Returns404Problem()
    {
        using var response = await _client.GetAsync("api/images/img_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    internal static MultipartFormDataContent Form(byte[] image, string crossing, string lane, string? widths = null)
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var form = new MultipartFormDataContent
        {
            { content, "image", "photo.jpg" },
            { new StringContent(crossing), "crossing" },
            { new StringContent(lane), "lane" },
        };
        if (widths is not null)
        {
            form.Add(new StringContent(widths), "laneWidth");
        }

        return form;
    }

    private async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(0, await _server.Services.GetRequiredService<Data.Readings.ReadingRepository>().CountAsync());
        var images = Path.Combine(_server.DataDirectory, "images");
        Assert.False(Directory.Exists(images) && Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories).Any(), "nothing may be stored");
        if (status == HttpStatusCode.Unauthorized)
        {
            return default;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.ToString(), StringComparison.Ordinal);
        return problem;
    }
}
