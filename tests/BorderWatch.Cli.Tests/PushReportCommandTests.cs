using System.Net.Http.Json;
using System.Text.Json;
using BorderWatch.Testing;

namespace BorderWatch.Cli.Tests;

public sealed class PushReportCommandTests : IAsyncLifetime
{
    private readonly BorderWatchServer _server = new();

    public Task InitializeAsync()
    {
        _ = _server.Address;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PushReport_Text_StoredAndTheAnswerPrinted()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("push-report", "--server", _server.Address.ToString(), "--api-key", BorderWatchServer.ApiKey,
            "--text", "Vaalimaan raja-asemalla jonoa noin 1,5 km", "--source-name", "Raja (sample)", "--source-type", "official", "--url", "https://example.org/fi/9");

        Assert.Equal(0, exit);
        var answer = JsonDocument.Parse(Assert.Single(cli.Out.Lines())).RootElement;
        Assert.Equal("vaalimaa", answer.GetProperty("readings")[0].GetProperty("crossing").GetString());
        using var client = _server.CreateApiClient();
        var estimate = (await client.GetFromJsonAsync<JsonElement>("api/crossings/vaalimaa")).GetProperty("estimate");
        Assert.Equal(1.5, estimate.GetProperty("queueKm").GetDouble());
    }

    [Fact]
    public async Task PushReport_StandardInput_Stored()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("Очередь на Верхнем Ларсе 14 км\n", CancellationToken.None, "push-report", "--server", _server.Address.ToString(), "--api-key", BorderWatchServer.ApiKey);

        Assert.Equal(0, exit);
        Assert.Equal(14, JsonDocument.Parse(Assert.Single(cli.Out.Lines())).RootElement.GetProperty("readings")[0].GetProperty("queueKm").GetDouble());
    }

    [Theory]
    [InlineData("reports.jsonl", 3, 2)]
    [InlineData("telegram-result.json", 3, 2)]
    public async Task PushReport_File_ImportedAndSummarised(string file, int reports, int readings)
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("push-report", "--server", _server.Address.ToString(), "--api-key", BorderWatchServer.ApiKey,
            "--file", Path.Combine(AppContext.BaseDirectory, "Samples", file), "--channel", "borderqueues");

        Assert.Equal(0, exit);
        var summary = JsonDocument.Parse(Assert.Single(cli.Out.Lines())).RootElement;
        Assert.Equal(reports, summary.GetProperty("reports").GetInt32());
        Assert.Equal(readings, summary.GetProperty("readings").GetInt32());
    }

    [Fact]
    public async Task PushReport_NoKey_UsageError()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("push-report", "--server", _server.Address.ToString(), "--text", "x");

        Assert.Equal(2, exit);
        Assert.Contains("BORDERWATCH_API_KEY", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushReport_WrongKey_ExitOneWithTheServersReason()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("push-report", "--server", _server.Address.ToString(), "--api-key", "bw_wrong_key_0000000000000000", "--text", "Очередь 14 км");

        Assert.Equal(1, exit);
        Assert.Contains("401", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushReport_BadUrl_ExitOneNamingTheField()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("push-report", "--server", _server.Address.ToString(), "--api-key", BorderWatchServer.ApiKey, "--text", "Очередь 14 км", "--url", "not-a-url");

        Assert.Equal(1, exit);
        Assert.Contains("url:", cli.Error.ToString(), StringComparison.Ordinal);
    }
}
