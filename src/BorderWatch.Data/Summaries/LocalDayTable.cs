using System.Collections.Concurrent;
using System.Globalization;
using BorderWatch.Core.Summaries;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Summaries;

/// <summary>
/// Fills the <c>local_days</c> table from the tz database, so SQL can turn instants into local days. Remembers the
/// ranges it has written, so a warm process only touches the table for dates it has not seen.
/// </summary>
internal sealed class LocalDayTable
{
    private readonly ConcurrentDictionary<string, (DateOnly First, DateOnly Last)> _written = new(StringComparer.Ordinal);

    /// <summary>Makes sure every day from <paramref name="first"/> to <paramref name="last"/> of each zone is in the table.</summary>
    /// <returns>Zones written, to be remembered with <see cref="Remember"/> once the transaction has committed.</returns>
    public async Task<List<(string Zone, DateOnly First, DateOnly Last)>> EnsureAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<string> zones, DateOnly first, DateOnly last)
    {
        var written = new List<(string, DateOnly, DateOnly)>();
        foreach (var zoneId in zones.Distinct(StringComparer.Ordinal))
        {
            if (_written.TryGetValue(zoneId, out var known) && known.First <= first && known.Last >= last)
            {
                continue;
            }

            var zone = LocalDays.FindZone(zoneId)
                ?? throw new InvalidOperationException($"The time zone '{zoneId}' is not in this system's tz database (install tzdata).");
            // Extend the remembered range instead of leaving holes, so the cache stays one interval per zone.
            var from = known == default ? first : Min(first, known.First);
            var to = known == default ? last : Max(last, known.Last);
            await connection.ExecuteAsync(
                "INSERT OR IGNORE INTO local_days (time_zone, local_date, starts_at, ends_at) VALUES (@Zone, @Date, @Start, @End)",
                LocalDays.Range(from, to, zone).Select(day => new
                {
                    Zone = zoneId,
                    Date = Format(day.Date),
                    Start = UnixTime.ToMs(day.Start),
                    End = UnixTime.ToMs(day.End),
                }),
                transaction);
            written.Add((zoneId, from, to));
        }

        return written;
    }

    /// <summary>True when every zone's range is already known to be in the table (no write needed).</summary>
    public bool Covers(IEnumerable<string> zones, DateOnly first, DateOnly last) =>
        zones.All(zone => _written.TryGetValue(zone, out var known) && known.First <= first && known.Last >= last);

    public void Remember(IEnumerable<(string Zone, DateOnly First, DateOnly Last)> written)
    {
        foreach (var (zone, first, last) in written)
        {
            _written.AddOrUpdate(zone, (first, last), (_, known) => (Min(first, known.First), Max(last, known.Last)));
        }
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
