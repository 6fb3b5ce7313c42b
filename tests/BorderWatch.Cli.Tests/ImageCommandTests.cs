using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Serialization;
using BorderWatch.Testing;

namespace BorderWatch.Cli.Tests;

public sealed class ImageCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bw-cli-images-").FullName;

    [Fact]
    public async Task Synth_ThenAnalyzeJsonl_OneResultLinePerSceneInTheContractShape()
    {
        var cli = new CliRunner();
        Assert.Equal(ExitCodes.Ok, await cli.RunAsync("synth", "--out", _folder, "--count", "3", "--width", "640", "--height", "360"));
        var truth = await File.ReadAllLinesAsync(Path.Combine(_folder, "truth.jsonl"));
        Assert.Equal(3, truth.Length);
        Assert.True(File.Exists(Path.Combine(_folder, "scene0001.jpg")));

        var analyze = new CliRunner();
        var code = await analyze.RunAsync(string.Join('\n', truth), CancellationToken.None, "analyze", "--jsonl");

        Assert.Equal(ExitCodes.Ok, code);
        var lines = analyze.Out.Lines();
        Assert.Equal(3, lines.Count);
        foreach (var (line, index) in lines.Select((l, i) => (l, i)))
        {
            using var result = JsonDocument.Parse(line);
            var root = result.RootElement;
            Assert.Equal($"scene{index + 1:D4}", root.GetProperty("id").GetString());
            Assert.True(root.GetProperty("vehicles").GetInt32() >= 0);
            Assert.Equal(2, root.GetProperty("queueEnd").GetArrayLength());
            Assert.InRange(root.GetProperty("queueFraction").GetDouble(), 0, 1);
            Assert.Equal(JsonValueKind.Number, root.GetProperty("queueLengthM").ValueKind);
            Assert.InRange(root.GetProperty("confidence").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public async Task AnalyzeJsonl_BadLineAmongGood_ReportsItAndGoesOn()
    {
        var (jpeg, truth, _) = TestScenes.Generate(4, 640, 360);
        var image = Path.Combine(_folder, "a.jpg");
        await File.WriteAllBytesAsync(image, jpeg);
        var input = string.Join('\n',
            JsonSerializer.Serialize(new { id = "good", image, lane = truth.Lane.FormatPoints(), laneWidth = truth.Lane.FormatWidths() }),
            JsonSerializer.Serialize(new { id = "outside", image, lane = "1,1 5000,5" }),
            "{not json",
            JsonSerializer.Serialize(new { id = "array-lane", image, lane = new[] { new[] { 10.0, 300 }, new[] { 300.0, 100 } } }));
        var cli = new CliRunner();

        var code = await cli.RunAsync(input, CancellationToken.None, "analyze", "--jsonl");

        Assert.Equal(ExitCodes.Failed, code);
        var lines = cli.Out.Lines();
        Assert.Equal(4, lines.Count);
        Assert.Contains("\"vehicles\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("outside", JsonDocument.Parse(lines[1]).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"error\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"vehicles\"", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeImage_WithOverlayAndJson_WritesOverlayAndOneObject()
    {
        var (jpeg, truth, empty) = TestScenes.Generate(9, 640, 360);
        var image = Path.Combine(_folder, "scene.jpg");
        var reference = Path.Combine(_folder, "empty.jpg");
        var overlay = Path.Combine(_folder, "out", "overlay.png");
        await File.WriteAllBytesAsync(image, jpeg);
        await File.WriteAllBytesAsync(reference, empty);
        var cli = new CliRunner();

        var code = await cli.RunAsync("analyze", "--image", image, "--lane", truth.Lane.FormatPoints(), "--lane-width", truth.Lane.FormatWidths()!,
            "--reference", reference, "--overlay", overlay, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        var result = JsonDocument.Parse(Assert.Single(cli.Out.Lines())).RootElement;
        Assert.False(result.TryGetProperty("id", out _));
        Assert.True(result.GetProperty("queueLengthM").GetDouble() >= 0);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await File.ReadAllBytesAsync(overlay))[..4]);
    }

    [Fact]
    public async Task AnalyzeImage_LaneWidthCountMismatch_ExitsWithUsageError()
    {
        var cli = new CliRunner();

        var code = await cli.RunAsync("analyze", "--image", "x.jpg", "--lane", "1,1 50,50", "--lane-width", "10 20 30", "--json");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("one width per point", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushImage_ToRunningServer_StoresAnImageReading()
    {
        await using var server = new BorderWatchServer();
        var (jpeg, truth, _) = TestScenes.Generate(6);
        var image = Path.Combine(_folder, "push.jpg");
        await File.WriteAllBytesAsync(image, jpeg);
        var cli = new CliRunner();

        var code = await cli.RunAsync("push-image", "--server", server.Address.ToString(), "--key", BorderWatchServer.ApiKey, "--crossing", "storskog",
            "--image", image, "--lane", truth.Lane.FormatPoints(), "--lane-width", truth.Lane.FormatWidths()!);

        Assert.Equal(ExitCodes.Ok, code);
        var answer = JsonDocument.Parse(Assert.Single(cli.Out.Lines())).RootElement;
        var uid = answer.GetProperty("image").GetProperty("uid").GetString();
        using var client = server.CreateApiClient();
        var readings = await client.GetFromJsonAsync<Reading[]>("api/crossings/storskog/readings", BorderWatchJson.Options);
        Assert.Equal(uid, Assert.Single(readings!).Source.ImageId);
    }

    [Fact]
    public async Task PushImage_WrongKey_ExitsFailedWithTheServersAnswer()
    {
        await using var server = new BorderWatchServer();
        var image = Path.Combine(_folder, "push.jpg");
        await File.WriteAllBytesAsync(image, TestScenes.Generate(6).Jpeg);
        var cli = new CliRunner();

        var code = await cli.RunAsync("push-image", "--server", server.Address.ToString(), "--key", "bw_wrong_key_0000000000", "--crossing", "storskog",
            "--image", image, "--lane", "10,10 100,100");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains(((int)HttpStatusCode.Unauthorized).ToString(System.Globalization.CultureInfo.InvariantCulture), cli.Error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
