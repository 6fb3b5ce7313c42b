using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BorderWatch.Testing;

namespace BorderWatch.Cli.Tests;

public sealed class WatchCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Watch_Crossing_PrintsOneJsonLinePerUpdate()
    {
        await using var server = new BorderWatchServer();
        var cli = new CliRunner();
        using var stop = new CancellationTokenSource();
        var run = cli.RunAsync("", stop.Token, "watch", "--server", server.Address.ToString(), "--crossing", "upper-lars");
        await WaitForAsync(() => cli.Error.ToString().Contains("connected", StringComparison.Ordinal), "the watcher to connect");

        var posted = await server.PostReadingAsync(new { crossing = "upper-lars", queueKm = 14, vehicles = 3500 });
        await server.PostReadingAsync(new { crossing = "narva", vehicles = 30 });
        var lines = await WaitForLinesAsync(cli, lines => lines.Any(l => l.Contains("estimateChanged", StringComparison.Ordinal)));

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Timeout));
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var reading = parsed.Single(p => p.GetProperty("type").GetString() == "readingAdded").GetProperty("reading");
        Assert.Equal(posted.Id, reading.GetProperty("id").GetInt64());
        Assert.Equal("upper-lars", reading.GetProperty("crossing").GetString());
        Assert.DoesNotContain(parsed, p => p.ToString().Contains("narva", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_ServerRestarts_ReconnectsAndPrintsWhatItMissed()
    {
        var directory = Directory.CreateTempSubdirectory("borderwatch-watch-").FullName;
        var port = FreePort();
        var cli = new CliRunner();
        using var stop = new CancellationTokenSource();
        Task<int> run;
        long before;
        try
        {
            await using (var first = new BorderWatchServer(dataDirectory: directory, port: port))
            {
                run = cli.RunAsync("", stop.Token, "watch", "--server", first.Address.ToString(), "--max-retry-seconds", "2");
                await WaitForAsync(() => cli.Error.ToString().Contains("connected", StringComparison.Ordinal), "the watcher to connect");
                before = (await first.PostReadingAsync(new { crossing = "kyakhta", vehicles = 300 })).Id;
                await WaitForLinesAsync(cli, lines => lines.Any(l => l.Contains($"\"id\":{before},", StringComparison.Ordinal)));
            }

            // The server is down; when it comes back, a reading is stored before the watcher can reconnect.
            await using var second = new BorderWatchServer(dataDirectory: directory, port: port);
            var missed = await second.PostReadingAsync(new { crossing = "tashanta", vehicles = 120 });
            var lines = await WaitForLinesAsync(cli, lines => lines.Any(l => l.Contains($"\"id\":{missed.Id},", StringComparison.Ordinal)));
            var live = await second.PostReadingAsync(new { crossing = "kyakhta", vehicles = 310 });
            lines = await WaitForLinesAsync(cli, lines => lines.Any(l => l.Contains($"\"id\":{live.Id},", StringComparison.Ordinal)));

            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(Timeout));
            var ids = lines.Select(l => JsonDocument.Parse(l).RootElement)
                .Where(p => p.GetProperty("type").GetString() == "readingAdded")
                .Select(p => p.GetProperty("reading").GetProperty("id").GetInt64())
                .ToList();
            Assert.Equal([before, missed.Id, live.Id], ids);
            Assert.Contains("reconnected", cli.Error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Watch_UnknownCrossing_ExitsWithUsageError()
    {
        await using var server = new BorderWatchServer();
        var cli = new CliRunner();

        var code = await cli.RunAsync("watch", "--server", server.Address.ToString(), "--crossing", "atlantis");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("atlantis", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("watch")]
    [InlineData("watch", "--server", "ftp://example.org")]
    [InlineData("nonsense")]
    public async Task Run_BadCommandLine_ExitsWithUsageErrorAndAMessage(params string[] args)
    {
        var cli = new CliRunner();

        var code = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.NotEmpty(cli.Error.ToString());
    }

    private static async Task<IReadOnlyList<string>> WaitForLinesAsync(CliRunner cli, Func<IReadOnlyList<string>, bool> done) =>
        await Eventually.WaitAsync(() => Task.FromResult(cli.Out.Lines()), done, Timeout, "watch output");

    private static Task WaitForAsync(Func<bool> condition, string what) =>
        Eventually.WaitAsync(() => Task.FromResult(condition()), ok => ok, Timeout, what);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
