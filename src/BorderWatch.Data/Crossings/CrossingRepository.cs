using System.Collections.Frozen;
using BorderWatch.Core.Crossings;
using Dapper;

namespace BorderWatch.Data.Crossings;

/// <summary>Crossings as rows, so readings can reference them and summaries can join them.</summary>
public sealed class CrossingRepository(SqliteDatabase database)
{
    private FrozenDictionary<string, long>? _ids;

    /// <summary>Writes every gazetteer crossing into the database (insert or refresh) in one transaction.</summary>
    public async Task SyncAsync(Gazetteer gazetteer, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        var now = UnixTime.ToMs(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        await connection.ExecuteAsync(
            """
            INSERT INTO crossings (slug, name, country_a, country_b, lat, lon, time_zone, region,
                                   processing_rate_per_hour, vehicle_spacing_m, is_builtin, updated_at)
            VALUES (@Slug, @Name, @CountryA, @CountryB, @Latitude, @Longitude, @TimeZone, @Region,
                    @ProcessingRatePerHour, @VehicleSpacingM, 1, @Now)
            ON CONFLICT (slug) DO UPDATE SET
                name = excluded.name, country_a = excluded.country_a, country_b = excluded.country_b,
                lat = excluded.lat, lon = excluded.lon, time_zone = excluded.time_zone, region = excluded.region,
                processing_rate_per_hour = excluded.processing_rate_per_hour,
                vehicle_spacing_m = excluded.vehicle_spacing_m, updated_at = excluded.updated_at
            """,
            gazetteer.Crossings.Select(c => new
            {
                c.Slug,
                c.Name,
                CountryA = c.Countries[0],
                CountryB = c.Countries[1],
                c.Latitude,
                c.Longitude,
                c.TimeZone,
                c.Region,
                c.ProcessingRatePerHour,
                c.VehicleSpacingM,
                Now = now,
            }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
        _ids = null;
    }

    /// <summary>Database ids by slug (cached; crossings change only at start).</summary>
    public async Task<FrozenDictionary<string, long>> GetIdsAsync(CancellationToken cancellationToken = default)
    {
        if (_ids is { } cached)
        {
            return cached;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Slug)>("SELECT id, slug FROM crossings");
        return _ids = rows.ToFrozenDictionary(r => r.Slug, r => r.Id, StringComparer.Ordinal);
    }
}
