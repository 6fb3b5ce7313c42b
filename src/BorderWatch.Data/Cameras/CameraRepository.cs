using BorderWatch.Data.Crossings;
using Dapper;

namespace BorderWatch.Data.Cameras;

/// <summary>A camera at a crossing; <c>FeedFormat</c> is none, snapshot, digitraffic or singapore.</summary>
public sealed record Camera(
    string Uid,
    string Crossing,
    string Name,
    string FeedFormat,
    string? FeedUrl,
    string? FeedKey,
    string Direction,
    int PollSeconds,
    bool Enabled,
    string? Attribution);

/// <summary>
/// A camera's lane as stored: points, widths and ground distances in the CLI syntax, the frame size it was drawn on,
/// and the empty-road reference image.
/// </summary>
public sealed record StoredLane(
    string CameraUid,
    string Points,
    string? Widths,
    string? Metres,
    int ImageWidth,
    int ImageHeight,
    string? ReferenceImageUid,
    DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>What the poller remembers between polls of one camera.</summary>
public sealed record FeedState(
    string CameraUid,
    string? ETag,
    string? LastModified,
    string? FrameKey,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastSuccessAt,
    int Failures,
    DateTimeOffset NextPollAt,
    string? LastError);

/// <summary>Cameras, their lane calibrations (versioned) and their feed state.</summary>
public sealed class CameraRepository(SqliteDatabase database, CrossingRepository crossings)
{
    private const string SelectCamera =
        """
        SELECT cam.uid AS Uid, c.slug AS Crossing, cam.name AS Name, cam.feed_format AS FeedFormat, cam.feed_url AS FeedUrl,
               cam.feed_key AS FeedKey, cam.direction AS Direction, cam.poll_seconds AS PollSeconds, cam.enabled AS Enabled,
               cam.attribution AS Attribution
        FROM cameras cam JOIN crossings c ON c.id = cam.crossing_id
        """;

    /// <summary>Adds a camera, or updates the one with the same uid.</summary>
    public async Task SaveAsync(Camera camera, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var ids = await crossings.GetIdsAsync(cancellationToken);
        if (!ids.TryGetValue(camera.Crossing, out var crossingId))
        {
            throw new ArgumentException($"Unknown crossing '{camera.Crossing}'.", nameof(camera));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO cameras (uid, crossing_id, name, feed_format, feed_url, feed_key, direction, poll_seconds, enabled, attribution, created_at, updated_at)
            VALUES (@Uid, @crossingId, @Name, @FeedFormat, @FeedUrl, @FeedKey, @Direction, @PollSeconds, @Enabled, @Attribution, @now, @now)
            ON CONFLICT (uid) DO UPDATE SET
                crossing_id = excluded.crossing_id, name = excluded.name, feed_format = excluded.feed_format,
                feed_url = excluded.feed_url, feed_key = excluded.feed_key, direction = excluded.direction,
                poll_seconds = excluded.poll_seconds, enabled = excluded.enabled, attribution = excluded.attribution,
                updated_at = excluded.updated_at
            """,
            new
            {
                camera.Uid,
                crossingId,
                camera.Name,
                camera.FeedFormat,
                camera.FeedUrl,
                camera.FeedKey,
                camera.Direction,
                camera.PollSeconds,
                Enabled = camera.Enabled ? 1 : 0,
                camera.Attribution,
                now = UnixTime.ToMs(now),
            });
    }

    public async Task<IReadOnlyList<Camera>> ListAsync(string? crossing = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CameraRow>(
            SelectCamera + " WHERE (@crossing IS NULL OR c.slug = @crossing) ORDER BY c.slug, cam.name", new { crossing });
        return [.. rows.Select(r => r.ToCamera())];
    }

    public async Task<Camera?> GetAsync(string uid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CameraRow>(SelectCamera + " WHERE cam.uid = @uid", new { uid });
        return row?.ToCamera();
    }

    /// <summary>Stores a new calibration for a camera; the previous one is kept, marked superseded.</summary>
    public async Task SetLaneAsync(StoredLane lane, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lane);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var cameraId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM cameras WHERE uid = @CameraUid", new { lane.CameraUid }, transaction)
            ?? throw new KeyNotFoundException($"There is no camera '{lane.CameraUid}'.");
        long? referenceId = null;
        if (lane.ReferenceImageUid is { } reference)
        {
            referenceId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM images WHERE uid = @reference", new { reference }, transaction)
                ?? throw new KeyNotFoundException($"There is no image '{reference}'.");
        }

        var created = UnixTime.ToMs(lane.CreatedAt);
        await connection.ExecuteAsync(
            "UPDATE lane_profiles SET superseded_at = @created WHERE camera_id = @cameraId AND superseded_at IS NULL",
            new { cameraId, created }, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO lane_profiles (camera_id, points, widths, metres, image_width, image_height, reference_image_id, created_at, created_by)
            VALUES (@cameraId, @Points, @Widths, @Metres, @ImageWidth, @ImageHeight, @referenceId, @created, @CreatedBy)
            """,
            new { cameraId, lane.Points, lane.Widths, lane.Metres, lane.ImageWidth, lane.ImageHeight, referenceId, created, lane.CreatedBy },
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The camera's current calibration, or null when it has none.</summary>
    public async Task<StoredLane?> GetLaneAsync(string cameraUid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LaneRow>(
            """
            SELECT cam.uid AS CameraUid, l.points AS Points, l.widths AS Widths, l.metres AS Metres, l.image_width AS ImageWidth,
                   l.image_height AS ImageHeight, i.uid AS ReferenceImageUid, l.created_at AS CreatedAtMs, l.created_by AS CreatedBy
            FROM lane_profiles l
            JOIN cameras cam ON cam.id = l.camera_id
            LEFT JOIN images i ON i.id = l.reference_image_id
            WHERE cam.uid = @cameraUid AND l.superseded_at IS NULL
            """,
            new { cameraUid });
        return row?.ToLane();
    }

    /// <summary>Enabled cameras with a feed whose next poll is due.</summary>
    public async Task<IReadOnlyList<Camera>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CameraRow>(
            SelectCamera +
            """
             LEFT JOIN camera_feed_state s ON s.camera_id = cam.id
             WHERE cam.enabled = 1 AND cam.feed_format <> 'none' AND cam.feed_url IS NOT NULL
               AND COALESCE(s.next_poll_at, 0) <= @now
             ORDER BY COALESCE(s.next_poll_at, 0)
            """,
            new { now = UnixTime.ToMs(now) });
        return [.. rows.Select(r => r.ToCamera())];
    }

    public async Task<FeedState> GetFeedStateAsync(string cameraUid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FeedRow>(
            """
            SELECT cam.uid AS CameraUid, s.etag AS ETag, s.last_modified AS LastModified, s.frame_key AS FrameKey,
                   s.last_polled_at AS LastPolledAtMs, s.last_success_at AS LastSuccessAtMs, COALESCE(s.failures, 0) AS Failures,
                   COALESCE(s.next_poll_at, 0) AS NextPollAtMs, s.last_error AS LastError
            FROM cameras cam LEFT JOIN camera_feed_state s ON s.camera_id = cam.id
            WHERE cam.uid = @cameraUid
            """,
            new { cameraUid });
        return row?.ToState() ?? throw new KeyNotFoundException($"There is no camera '{cameraUid}'.");
    }

    public async Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO camera_feed_state (camera_id, etag, last_modified, frame_key, last_polled_at, last_success_at, failures, next_poll_at, last_error)
            VALUES ((SELECT id FROM cameras WHERE uid = @CameraUid), @ETag, @LastModified, @FrameKey, @polled, @success, @Failures, @next, @LastError)
            ON CONFLICT (camera_id) DO UPDATE SET
                etag = excluded.etag, last_modified = excluded.last_modified, frame_key = excluded.frame_key,
                last_polled_at = excluded.last_polled_at, last_success_at = excluded.last_success_at,
                failures = excluded.failures, next_poll_at = excluded.next_poll_at, last_error = excluded.last_error
            """,
            new
            {
                state.CameraUid,
                state.ETag,
                state.LastModified,
                state.FrameKey,
                polled = state.LastPolledAt is { } p ? UnixTime.ToMs(p) : (long?)null,
                success = state.LastSuccessAt is { } s ? UnixTime.ToMs(s) : (long?)null,
                state.Failures,
                next = UnixTime.ToMs(state.NextPollAt),
                state.LastError,
            });
    }

    private sealed record CameraRow(
        string Uid, string Crossing, string Name, string FeedFormat, string? FeedUrl, string? FeedKey, string Direction, long PollSeconds,
        long Enabled, string? Attribution)
    {
        public Camera ToCamera() => new(Uid, Crossing, Name, FeedFormat, FeedUrl, FeedKey, Direction, (int)PollSeconds, Enabled != 0, Attribution);
    }

    private sealed record LaneRow(
        string CameraUid, string Points, string? Widths, string? Metres, long ImageWidth, long ImageHeight, string? ReferenceImageUid,
        long CreatedAtMs, string CreatedBy)
    {
        public StoredLane ToLane() => new(CameraUid, Points, Widths, Metres, (int)ImageWidth, (int)ImageHeight, ReferenceImageUid, UnixTime.FromMs(CreatedAtMs), CreatedBy);
    }

    private sealed record FeedRow(
        string CameraUid, string? ETag, string? LastModified, string? FrameKey, long? LastPolledAtMs, long? LastSuccessAtMs, long Failures,
        long NextPollAtMs, string? LastError)
    {
        public FeedState ToState() => new(
            CameraUid, ETag, LastModified, FrameKey, UnixTime.FromMs(LastPolledAtMs), UnixTime.FromMs(LastSuccessAtMs), (int)Failures,
            UnixTime.FromMs(NextPollAtMs), LastError);
    }
}
