using System.Text.Json;

namespace BorderWatch.Cli.Tests;

public sealed class ParseCommandTests
{
    private static readonly string[] ContractFields = ["crossing", "queueKm", "vehicles", "waitHours", "direction", "confidence", "evidence"];

    [Fact]
    public async Task ParseJsonl_Reports_OneLineEachWithExactlyTheContractFields()
    {
        var cli = new CliRunner();
        const string stdin = """
            {"id":"a1","text":"Очередь на Верхнем Ларсе 5500 машин, ждут двое суток","publishedAt":"2022-09-24T10:00:00Z"}

            {"id":2,"text":"Germany is ready to grant asylum to Russian deserters","publishedAt":"2022-09-24T10:01:00Z"}
            {"id":"a3","text":"الهروب الكبير من روسيا ..14 كيلو مترا من السيارات على حدود روسيا مع جورجيا"}
            """;

        var exit = await cli.RunAsync(stdin, CancellationToken.None, "parse", "--jsonl");

        Assert.Equal(0, exit);
        var lines = cli.Out.Lines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["id", "readings"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("a1", lines[0].GetProperty("id").GetString());
        var reading = Assert.Single(lines[0].GetProperty("readings").EnumerateArray());
        Assert.Equal(ContractFields, reading.EnumerateObject().Select(p => p.Name));
        Assert.Equal("upper-lars", reading.GetProperty("crossing").GetString());
        Assert.Equal(JsonValueKind.Null, reading.GetProperty("queueKm").ValueKind);
        Assert.Equal(5500, reading.GetProperty("vehicles").GetDouble());
        Assert.Equal(48, reading.GetProperty("waitHours").GetDouble());
        Assert.Equal("unknown", reading.GetProperty("direction").GetString());
        Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
        Assert.Empty(lines[1].GetProperty("readings").EnumerateArray());
        Assert.Equal("outbound", lines[2].GetProperty("readings")[0].GetProperty("direction").GetString());
        Assert.Contains("كيلو مترا", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseJsonl_BadLines_ReportedOnStandardErrorOthersStillParsedExitOne()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("{\"id\":1,\"text\":\"Очередь на Верхнем Ларсе 14 км\"}\nnot json\n{\"id\":3}\n", CancellationToken.None, "parse", "--jsonl");

        Assert.Equal(1, exit);
        Assert.Single(cli.Out.Lines());
        Assert.Contains("line 2", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("line 3: it has no \"text\"", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_Text_OneLine()
    {
        var cli = new CliRunner();

        var exit = await cli.RunAsync("parse", "--text", "Kolejka w Dorohusku ~400 m");

        Assert.Equal(0, exit);
        Assert.Equal(0.4, JsonDocument.Parse(Assert.Single(cli.Out.Lines())).RootElement.GetProperty("readings")[0].GetProperty("queueKm").GetDouble());
    }

    [Fact]
    public async Task Parse_NoInputOption_UsageError()
    {
        var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync("parse"));
        Assert.Contains("--jsonl", cli.Error.ToString(), StringComparison.Ordinal);
    }
}
