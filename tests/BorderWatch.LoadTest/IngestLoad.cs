using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BorderWatch.Core.Crossings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using Dapper;

namespace BorderWatch.LoadTest;

/// <summary>
/// Sustained POST /api/readings against the real server process, and, in the same run, the baseline: the same insert
/// done in-process with Dapper, one transaction per reading.
/// </summary>
internal static class IngestLoad
{
    private static readonly string[] Slugs = ["upper-lars", "vaalimaa", "kyakhta", "sagarchin", "medyka", "narva", "san-ysidro", "woodlands"];

    /// <summary>
    /// Closed loop (<paramref name="concurrency"/> clients posting back to back: the most the server accepts, and the
    /// latency at that saturation), then, when <paramref name="offered"/> is above zero, open loop: readings sent at a
    /// fixed rate whatever the answers do, each timed from the moment it was due (so a stall counts against every
    /// request it delays), which is the latency at that sustained rate.
    /// </summary>
    public static async Task RunAsync(string root, TimeSpan duration, int concurrency, int offered = 0)
    {
        var baseline = await DapperBaselineAsync(duration);

        await using var server = await ServerProcess.StartAsync(root);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", ServerProcess.ApiKey);

        // Warm up JIT, pools and the key cache.
        await RunWorkersAsync(http, TimeSpan.FromSeconds(3), concurrency);
        var (count, errors, latencies, elapsed) = await RunWorkersAsync(http, duration, concurrency);
        var stats = new Stats(latencies);
        var rate = count / elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"## Ingest: POST /api/readings, {concurrency} concurrent clients, {elapsed.TotalSeconds:0} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- HTTP: {rate:0} accepted readings/s, errors {errors}, latency {stats.Summary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Baseline, Dapper in-process, one transaction per reading: {baseline:0} readings/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Ratio HTTP / baseline: {rate / baseline:0.00}"));
        if (offered > 0)
        {
            var (sent, accepted, failed, atRate, rateElapsed) = await RunAtRateAsync(http, duration, offered);
            var rateStats = new Stats(atRate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- Open loop at {offered} readings/s offered ({sent} sent in {rateElapsed.TotalSeconds:0} s): {accepted / rateElapsed.TotalSeconds:0} accepted readings/s, errors {failed}, latency from the moment each was due {rateStats.Summary()}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Server working set after the run: {server.WorkingSet() / 1024.0 / 1024:0} MiB"));
    }

    private static async Task<(long Sent, long Accepted, long Errors, List<double> Latencies, TimeSpan Elapsed)> RunAtRateAsync(HttpClient http, TimeSpan duration, int rate)
    {
        long accepted = 0, errors = 0, sent = 0;
        var latencies = new List<double>((int)(rate * duration.TotalSeconds));
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>();
        while (clock.Elapsed < duration)
        {
            // Everything due by now goes out now: the schedule, not the server's answers, sets the pace.
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var dueAt = sent / (double)rate * 1000;
                requests.Add(SendAsync(Body(random), dueAt));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(requests);
        return (sent, accepted, errors, latencies, clock.Elapsed);

        async Task SendAsync(string body, double dueAtMs)
        {
            using var response = await http.PostAsync("api/readings", new StringContent(body, Encoding.UTF8, "application/json"));
            var ms = clock.Elapsed.TotalMilliseconds - dueAtMs;
            lock (latencies)
            {
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    accepted++;
                    latencies.Add(ms);
                }
                else
                {
                    errors++;
                }
            }
        }
    }

    private static async Task<(long Count, long Errors, List<double> Latencies, TimeSpan Elapsed)> RunWorkersAsync(HttpClient http, TimeSpan duration, int concurrency)
    {
        long count = 0, errors = 0;
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                var body = Body(random);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("api/readings", new StringContent(body, Encoding.UTF8, "application/json"));
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref count);
                    mine.Add(ms);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (count, errors, latencies.SelectMany(l => l).ToList(), clock.Elapsed);
    }

    private static string Body(Random random) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"crossing":"{{{Slugs[random.Next(Slugs.Length)]}}}","vehicles":{{{random.Next(10, 5000)}}},"queueKm":{{{random.NextDouble() * 20:0.00}}},"confidence":0.8,"source":{"name":"load test","type":"agent"}}""");

    /// <summary>The same row written by Dapper in-process, one transaction each: the cost of the database alone.</summary>
    private static async Task<double> DapperBaselineAsync(TimeSpan duration)
    {
        var directory = Directory.CreateTempSubdirectory("borderwatch-baseline-").FullName;
        try
        {
            var database = new SqliteDatabase($"Data Source={Path.Combine(directory, "baseline.db")}");
            database.Migrate();
            var crossings = new CrossingRepository(database);
            await crossings.SyncAsync(Gazetteer.Default, TimeProvider.System);
            var ids = await crossings.GetIdsAsync();
            var random = new Random(1);
            await using var connection = await database.OpenAsync();
            var sourceId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO sources (identity, name, source_type, created_at) VALUES ('name:load test', 'load test', 'agent', 0) RETURNING id");
            long count = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await connection.ExecuteAsync(
                    """
                    INSERT INTO readings (crossing_id, observed_at, received_at, kind, direction, queue_km, vehicles, wait_hours,
                                          confidence, status, source_id, is_demo)
                    VALUES (@crossing, @now, @now, 'manual', 'unknown', @km, @vehicles, NULL, 0.8, 'accepted', @source, 0)
                    """,
                    new { crossing = ids[Slugs[random.Next(Slugs.Length)]], now, km = random.NextDouble() * 20, vehicles = random.Next(10, 5000), source = sourceId },
                    transaction);
                transaction.Commit();
                count++;
            }

            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
