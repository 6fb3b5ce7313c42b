using System.Diagnostics;
using System.Globalization;
using BorderWatch.Benchmarks.Summaries;
using BorderWatch.Data;

namespace BorderWatch.LoadTest;

/// <summary>
/// The raw readings export of a year (1,000,000 readings) streamed over HTTP from the real server process: rows per
/// second, and the server's resident memory sampled while it streams, against a 10× smaller export (constant memory
/// means the same peak) and, for speed, against reading the same rows in-process with a bare SQLite reader.
/// </summary>
internal static class ExportLoad
{
    public static async Task RunAsync(string root, int readings)
    {
        var path = await SyntheticReadings.EnsureAsync(readings, Console.Out);
        var baseline = await BaselineAsync(path);

        await using var server = await ServerProcess.StartAsync(root, new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = $"Data Source={path}",
        });
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(10) };
        await DownloadAsync(http, server, "api/exports/readings?from=2023-01-01&to=2023-01-02&format=csv"); // warm up
        var idle = Rss(server.ProcessId).Current;

        Console.WriteLine();
        Console.WriteLine($"## Raw readings export, GET /api/exports/readings, database of {readings:N0} readings");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Server resident memory when idle (after a warm-up export): {idle / 1048576.0:0} MiB"));
        foreach (var (label, query) in new[]
        {
            ("36 days, CSV", "from=2023-01-01&to=2023-02-05&format=csv"),
            ("365 days, CSV", "from=2023-01-01&to=2023-12-31&format=csv"),
            ("365 days, JSON Lines", "from=2023-01-01&to=2023-12-31&format=jsonl"),
        })
        {
            var result = await DownloadAsync(http, server, "api/exports/readings?" + query);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {label}: {result.Rows:N0} rows, {result.Bytes / 1048576.0:0} MiB in {result.Elapsed.TotalSeconds:0.00} s = {result.Rows / result.Elapsed.TotalSeconds:N0} rows/s " +
                $"(ratio to the bare reader: {result.Rows / result.Elapsed.TotalSeconds / baseline:0.00}); server memory peak while streaming {result.PeakRss / 1048576.0:0} MiB " +
                $"(+{(result.PeakRss - idle) / 1048576.0:0} MiB over idle)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Baseline, the same rows read in-process by a bare SqliteDataReader (no formatting, no HTTP): {baseline:N0} rows/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Server peak resident memory over the whole run (VmHWM): {Rss(server.ProcessId).Peak / 1048576.0:0} MiB"));
    }

    private static async Task<(long Rows, long Bytes, TimeSpan Elapsed, long PeakRss)> DownloadAsync(HttpClient http, ServerProcess server, string url)
    {
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss(server.ProcessId).Current);
                await Task.Delay(10);
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        var header = url.Contains("format=csv", StringComparison.Ordinal) ? 1 : 0;
        return (lines - header, bytes, clock.Elapsed, peak);
    }

    /// <summary>Rows per second of a bare reader over the same rows and columns: the floor for any export.</summary>
    private static async Task<double> BaselineAsync(string path)
    {
        var database = SqliteDatabase.ForFile(path);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT r.id, r.crossing_id, r.observed_at, r.received_at, r.kind, r.direction, r.vehicles, r.queue_km, r.wait_hours,
                   r.confidence, s.source_type, s.name, s.url, r.version, r.supersedes_id, r.is_demo
            FROM readings r LEFT JOIN sources s ON s.id = r.source_id
            WHERE r.superseded_by_id IS NULL AND r.status = 'accepted'
            ORDER BY r.crossing_id, r.observed_at
            """;
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                rows++;
            }
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Current and peak resident set of a process, from /proc (Linux).</summary>
    private static (long Current, long Peak) Rss(int processId)
    {
        long current = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (current, peak);

        static long Kilobytes(string line) =>
            long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
