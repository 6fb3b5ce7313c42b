using Dapper;

namespace BorderWatch.Data.Feeds;

/// <summary>Conditional-GET state of each polled feed, and the feed items already stored.</summary>
public sealed class FeedStateRepository(SqliteDatabase database)
{
    /// <summary>Items remembered for this long; older keys are forgotten (feeds do not repeat items that old).</summary>
    public static readonly TimeSpan ItemMemory = TimeSpan.FromDays(30);

    public async Task<FeedState?> GetAsync(string feed, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Feed, string? Etag, string? LastModified, long? PolledAt, long? Status, string? Error, long ItemsStored)?>(
            "SELECT feed, etag, last_modified, polled_at, status, error, items_stored FROM feed_state WHERE feed = @feed", new { feed });
        return row is { } r
            ? new FeedState(r.Feed, r.Etag, r.LastModified, r.PolledAt is { } p ? UnixTime.FromMs(p) : null, (int?)r.Status, r.Error, r.ItemsStored)
            : null;
    }

    public async Task<IReadOnlyList<FeedState>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Feed, string? Etag, string? LastModified, long? PolledAt, long? Status, string? Error, long ItemsStored)>(
            "SELECT feed, etag, last_modified, polled_at, status, error, items_stored FROM feed_state ORDER BY feed");
        return [.. rows.Select(r => new FeedState(r.Feed, r.Etag, r.LastModified, r.PolledAt is { } p ? UnixTime.FromMs(p) : null, (int?)r.Status, r.Error, r.ItemsStored))];
    }

    /// <summary>Records a poll: validators for the next conditional GET, the answer, and items stored now.</summary>
    public async Task SavePollAsync(string feed, string? etag, string? lastModified, DateTimeOffset polledAt, int status, string? error, int itemsStored, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO feed_state (feed, etag, last_modified, polled_at, status, error, items_stored)
            VALUES (@feed, @etag, @lastModified, @polled, @status, @error, @itemsStored)
            ON CONFLICT (feed) DO UPDATE SET
                etag = COALESCE(excluded.etag, feed_state.etag),
                last_modified = COALESCE(excluded.last_modified, feed_state.last_modified),
                polled_at = excluded.polled_at, status = excluded.status, error = excluded.error,
                items_stored = feed_state.items_stored + excluded.items_stored
            """,
            new { feed, etag, lastModified, polled = UnixTime.ToMs(polledAt), status, error, itemsStored });
    }

    /// <summary>The keys among <paramref name="keys"/> not seen before for this feed.</summary>
    public async Task<IReadOnlyList<string>> UnseenAsync(string feed, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var seen = (await connection.QueryAsync<string>(
            "SELECT item_key FROM feed_items WHERE feed = @feed AND item_key IN (SELECT value FROM json_each(@keys))",
            new { feed, keys = System.Text.Json.JsonSerializer.Serialize(keys) })).ToHashSet(StringComparer.Ordinal);
        return [.. keys.Where(k => !seen.Contains(k)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Remembers items as stored, and forgets those older than <see cref="ItemMemory"/>.</summary>
    public async Task MarkSeenAsync(string feed, IReadOnlyCollection<string> keys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        await connection.ExecuteAsync(
            "INSERT OR IGNORE INTO feed_items (feed, item_key, seen_at) VALUES (@feed, @key, @now)",
            keys.Select(key => new { feed, key, now = UnixTime.ToMs(now) }),
            transaction);
        await connection.ExecuteAsync("DELETE FROM feed_items WHERE seen_at < @cutoff", new { cutoff = UnixTime.ToMs(now - ItemMemory) }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>The last poll of a feed.</summary>
/// <param name="Feed">The feed's URL.</param>
/// <param name="Etag">ETag of the last 200 answer, sent back as If-None-Match.</param>
/// <param name="LastModified">Last-Modified of the last 200 answer, sent back as If-Modified-Since.</param>
/// <param name="PolledAt">When it was last asked.</param>
/// <param name="Status">HTTP status of the last poll (0: no answer).</param>
/// <param name="Error">Why the last poll failed.</param>
/// <param name="ItemsStored">Items stored from this feed so far.</param>
public sealed record FeedState(string Feed, string? Etag, string? LastModified, DateTimeOffset? PolledAt, int? Status, string? Error, long ItemsStored);
