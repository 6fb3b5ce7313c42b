using System.Diagnostics;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Data;
using BorderWatch.Data.Crossings;
using BorderWatch.Data.Readings;
using BorderWatch.Data.Summaries;

namespace BorderWatch.Benchmarks.Summaries;

/// <summary>
/// A year of synthetic readings at 50 crossings (the 49 of the gazetteer and one more in a half-hour zone), stored
/// through the real repository so the summary triggers fire, then summarised once. Built once per size and reused
/// (the file is large and takes a while): a ".ready" marker says the build finished.
/// </summary>
public static class SyntheticReadings
{
    public static readonly DateOnly FirstDay = new(2023, 1, 1);
    public static readonly DateOnly LastDay = new(2023, 12, 31);

    public static Gazetteer Gazetteer { get; } = new(
        [
            .. Core.Crossings.Gazetteer.Default.Crossings,
            new Crossing
            {
                Slug = "synthetic-attari", Name = "Synthetic crossing (UTC+5:30)", Countries = ["IN", "PK"],
                Latitude = 31.6047, Longitude = 74.5727, TimeZone = "Asia/Kolkata",
            },
        ],
        Core.Crossings.Gazetteer.Default.Defaults);

    public static string Folder => Path.Combine(Path.GetTempPath(), "borderwatch-bench");

    /// <summary>The path of a database with <paramref name="readings"/> readings, built if it is not there yet.</summary>
    public static async Task<string> EnsureAsync(int readings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"summary-{readings}.db");
        if (File.Exists(path + ".ready"))
        {
            return path;
        }

        foreach (var stale in Directory.GetFiles(Folder, Path.GetFileName(path) + "*"))
        {
            File.Delete(stale);
        }

        var database = SqliteDatabase.ForFile(path);
        database.Migrate();
        var crossings = new CrossingRepository(database);
        await crossings.SyncAsync(Gazetteer, TimeProvider.System);
        var repository = new ReadingRepository(database, crossings);
        var random = new Random(2022);
        string[] sourceTypes = ["official", "camera", "media", "crowd", "agent"];
        var sources = Enumerable.Range(0, 300).Select(i => new Provenance($"Source {i}", null, sourceTypes[i % sourceTypes.Length])).ToArray();
        var slugs = Gazetteer.Crossings.Select(c => c.Slug).ToArray();
        var start = new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var yearMinutes = (LastDay.DayNumber - FirstDay.DayNumber + 1) * 24 * 60;

        var clock = Stopwatch.StartNew();
        const int Batch = 10_000;
        for (var done = 0; done < readings; done += Batch)
        {
            var batch = new List<ReadingToStore>(Batch);
            for (var i = 0; i < Math.Min(Batch, readings - done); i++)
            {
                var observed = start.AddMinutes(random.Next(yearMinutes)).AddSeconds(random.Next(60));
                var vehicles = random.Next(10) < 7 ? random.Next(0, 3000) : (double?)null;
                var km = random.Next(10) < 5 ? Math.Round(random.NextDouble() * 25, 2) : (double?)null;
                var wait = random.Next(10) < 3 ? Math.Round(random.NextDouble() * 30, 1) : (double?)null;
                batch.Add(new ReadingToStore(new Reading
                {
                    Crossing = slugs[random.Next(slugs.Length)],
                    ObservedAt = observed,
                    ReceivedAt = observed.AddMinutes(random.Next(1, 30)),
                    Kind = (ReadingKind)random.Next(5),
                    Direction = (Direction)random.Next(3),
                    Vehicles = vehicles ?? (km is null && wait is null ? 100 : null),
                    QueueKm = km,
                    WaitHours = wait,
                    Confidence = Math.Round(0.3 + (random.NextDouble() * 0.7), 2),
                    Status = random.Next(20) == 0 ? ReadingStatus.Pending : ReadingStatus.Accepted,
                    Source = random.Next(10) == 0 ? Provenance.None : sources[random.Next(sources.Length)],
                }));
            }

            await repository.InsertAsync(batch);
        }

        var inserted = clock.Elapsed;
        clock.Restart();
        var days = await new DailySummaryRepository(database).RefreshAsync(DateTimeOffset.UtcNow);
        var built = clock.Elapsed;
        var note = FormattableString.Invariant(
            $"{readings:N0} readings stored in {inserted.TotalSeconds:0.0} s ({readings / inserted.TotalSeconds:N0}/s, triggers included); {days:N0} summary days built from scratch in {built.TotalSeconds:0.0} s");
        await log.WriteLineAsync(note);
        await File.WriteAllTextAsync(path + ".ready", note);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return path;
    }
}
