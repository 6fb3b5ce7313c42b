using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BorderWatch.Core.Crossings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using Microsoft.Data.Sqlite;

namespace BorderWatch.LoadTest;

/// <summary>
/// Builds the dashboard measurement's world: the built-in crossings plus generated ones (written as a
/// <c>Gazetteer:ExtraFile</c>), and a database file holding a given number of readings spread over the last weeks.
/// </summary>
internal static class DashboardData
{
    /// <summary>Writes the extra gazetteer and the database into <paramref name="directory"/>; returns the file paths.</summary>
    public static async Task<(string GazetteerFile, string DatabaseFile)> CreateAsync(string directory, int crossings, int readings)
    {
        var clock = Stopwatch.StartNew();
        var gazetteerFile = Path.Combine(directory, "extra-crossings.json");
        var extra = WriteExtraGazetteer(gazetteerFile, Math.Max(0, crossings - Gazetteer.Default.Crossings.Count));
        var all = new Gazetteer(Gazetteer.Default.Crossings.Concat(extra.Crossings), Gazetteer.Default.Defaults);

        var databaseFile = Path.Combine(directory, "dashboard.db");
        var database = new SqliteDatabase($"Data Source={databaseFile}");
        database.Migrate();
        var repository = new CrossingRepository(database);
        await repository.SyncAsync(all, TimeProvider.System);
        var ids = (await repository.GetIdsAsync()).Values.ToArray();
        await InsertReadingsAsync(database, ids, readings);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- Generated {all.Crossings.Count} crossings and {readings:N0} readings in {clock.Elapsed.TotalSeconds:0} s ({new FileInfo(databaseFile).Length / 1048576.0:0} MiB)"));
        return (gazetteerFile, databaseFile);
    }

    /// <summary>Crossings near the built-in ones (same countries and time zone), a few tens of km away.</summary>
    private static Gazetteer WriteExtraGazetteer(string path, int count)
    {
        var random = new Random(500);
        var builtIn = Gazetteer.Default.Crossings;
        var crossings = Enumerable.Range(1, count).Select(i =>
        {
            var near = builtIn[random.Next(builtIn.Count)];
            return new
            {
                slug = $"synthetic-{i:000}",
                name = $"Synthetic crossing {i:000} (near {near.Name})",
                countries = near.Countries,
                lat = Math.Clamp(near.Latitude + ((random.NextDouble() - 0.5) * 3), -80, 80),
                lon = Math.Clamp(near.Longitude + ((random.NextDouble() - 0.5) * 3), -179, 179),
                coordinateCheck = "unverified",
                timeZone = near.TimeZone,
                region = "Generated for measurements",
            };
        }).ToList();
        var json = JsonSerializer.Serialize(new { version = 1, crossings });
        File.WriteAllText(path, json);
        using var stream = File.OpenRead(path);
        return Gazetteer.Parse(stream);
    }

    /// <summary>Readings every crossing, evenly over the last 30 days up to now, in large transactions.</summary>
    private static async Task InsertReadingsAsync(SqliteDatabase database, long[] crossingIds, int count)
    {
        var random = new Random(1_000_000);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var span = (long)TimeSpan.FromDays(30).TotalMilliseconds;
        await using var connection = await database.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "INSERT INTO sources (identity, name, source_type, created_at) VALUES ('name:load test camera', 'load test camera', 'camera', 0)";
            await pragma.ExecuteNonQueryAsync();
        }

        const int Batch = 50_000;
        for (var done = 0; done < count; done += Batch)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                """
                INSERT INTO readings (crossing_id, observed_at, received_at, kind, direction, queue_km, vehicles, wait_hours,
                                      confidence, status, source_id, is_demo)
                VALUES ($crossing, $observed, $observed, 'image', 'outbound', NULL, $vehicles, $wait, $confidence, 'accepted', 1, 0)
                """;
            var crossing = insert.Parameters.Add("$crossing", SqliteType.Integer);
            var observed = insert.Parameters.Add("$observed", SqliteType.Integer);
            var vehicles = insert.Parameters.Add("$vehicles", SqliteType.Real);
            var wait = insert.Parameters.Add("$wait", SqliteType.Real);
            var confidence = insert.Parameters.Add("$confidence", SqliteType.Real);
            insert.Prepare();
            for (var i = done; i < Math.Min(count, done + Batch); i++)
            {
                crossing.Value = crossingIds[i % crossingIds.Length];
                // Spread evenly in time with jitter; the newest ones are minutes old, so the map is fresh.
                observed.Value = now - span + (span * (long)i / count) - random.Next(0, 60_000);
                var queued = Math.Round(random.NextDouble() * random.NextDouble() * 3000);
                vehicles.Value = queued;
                wait.Value = random.Next(3) == 0 ? Math.Round(queued / 60, 1) : DBNull.Value;
                confidence.Value = 0.5 + (random.NextDouble() * 0.5);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }
}
