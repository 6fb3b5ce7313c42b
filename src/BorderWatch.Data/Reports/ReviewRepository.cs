using BorderWatch.Core.Readings;
using BorderWatch.Data.Readings;
using Dapper;

namespace BorderWatch.Data.Reports;

/// <summary>The review queue: current versions of readings waiting for a person to accept, correct or reject them.</summary>
public sealed class ReviewRepository(SqliteDatabase database)
{
    /// <summary>Pending readings, newest observation first (fresh figures matter most at a border).</summary>
    public async Task<IReadOnlyList<Reading>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReadingRow>(
            ReadingRow.Select + " WHERE r.status = 'pending' AND r.superseded_by_id IS NULL ORDER BY r.observed_at DESC, r.id DESC LIMIT @limit",
            new { limit });
        return [.. rows.Select(r => r.ToReading())];
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM readings WHERE status = 'pending' AND superseded_by_id IS NULL");
    }
}
