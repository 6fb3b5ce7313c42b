using BorderWatch.Core.Readings;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Readings;

/// <summary>The <c>sources</c> row of a provenance, inserted on first use.</summary>
internal static class SourceRows
{
    /// <returns>The source id, or null when the provenance names no source.</returns>
    public static async Task<long?> GetOrAddAsync(SqliteConnection connection, SqliteTransaction transaction, Provenance source, DateTimeOffset now)
    {
        var identity = SourceIdentity.Of(source.Name, source.Url);
        if (identity is null)
        {
            return null;
        }

        // "DO UPDATE" (a no-op) rather than "DO NOTHING", so RETURNING yields the existing row's id too.
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO sources (identity, name, url, source_type, created_at) VALUES (@identity, @name, @url, @type, @now)
            ON CONFLICT (identity) DO UPDATE SET identity = excluded.identity
            RETURNING id
            """,
            new { identity, name = source.Name, url = source.Url, type = source.SourceType, now = UnixTime.ToMs(now) },
            transaction);
    }
}
