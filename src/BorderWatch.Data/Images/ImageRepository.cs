using BorderWatch.Core.Readings;
using BorderWatch.Data.Crossings;
using Dapper;

namespace BorderWatch.Data.Images;

/// <summary>
/// A stored (redacted) image. <c>Uid</c> is what readings point at (<see cref="Provenance.ImageId"/>); <c>Kind</c> is
/// upload, frame or reference; paths are relative to the image folder; <c>Analysis</c> is the estimate as JSON.
/// </summary>
public sealed record StoredImage(
    string Uid,
    string Crossing,
    string? CameraUid,
    string Kind,
    string Sha256,
    int Width,
    int Height,
    string Path,
    string? OverlayPath,
    int Faces,
    int Plates,
    string? Analysis,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ObservedAt);

/// <summary>Rows of the <c>images</c> table: what was stored where, never the pixels.</summary>
public sealed class ImageRepository(SqliteDatabase database, CrossingRepository crossings)
{
    private const string Select =
        """
        SELECT i.uid AS Uid, c.slug AS Crossing, cam.uid AS CameraUid, i.kind AS Kind, i.sha256 AS Sha256, i.width AS Width,
               i.height AS Height, i.path AS Path, i.overlay_path AS OverlayPath, i.faces AS Faces, i.plates AS Plates,
               i.analysis AS Analysis, i.created_at AS CreatedAtMs, i.observed_at AS ObservedAtMs
        FROM images i
        JOIN crossings c ON c.id = i.crossing_id
        LEFT JOIN cameras cam ON cam.id = i.camera_id
        """;

    public async Task AddAsync(StoredImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var ids = await crossings.GetIdsAsync(cancellationToken);
        if (!ids.TryGetValue(image.Crossing, out var crossingId))
        {
            throw new ArgumentException($"Unknown crossing '{image.Crossing}'.", nameof(image));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO images (uid, crossing_id, camera_id, kind, sha256, width, height, path, overlay_path, faces, plates, analysis, created_at, observed_at)
            VALUES (@Uid, @crossingId, (SELECT id FROM cameras WHERE uid = @CameraUid), @Kind, @Sha256, @Width, @Height, @Path, @OverlayPath,
                    @Faces, @Plates, @Analysis, @created, @observed)
            """,
            new
            {
                image.Uid,
                crossingId,
                image.CameraUid,
                image.Kind,
                image.Sha256,
                image.Width,
                image.Height,
                image.Path,
                image.OverlayPath,
                image.Faces,
                image.Plates,
                image.Analysis,
                created = UnixTime.ToMs(image.CreatedAt),
                observed = image.ObservedAt is { } o ? UnixTime.ToMs(o) : (long?)null,
            });
    }

    public async Task<StoredImage?> GetAsync(string uid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Select + " WHERE i.uid = @uid", new { uid });
        return row?.ToImage();
    }

    /// <summary>Analysed images (uploads and frames) of a crossing, newest first.</summary>
    public async Task<IReadOnlyList<StoredImage>> ListByCrossingAsync(string crossing, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            Select + " WHERE c.slug = @crossing AND i.kind <> 'reference' ORDER BY i.created_at DESC, i.id DESC LIMIT @limit",
            new { crossing, limit });
        return [.. rows.Select(r => r.ToImage())];
    }

    /// <summary>The newest frames or uploads of a camera, newest first.</summary>
    public async Task<IReadOnlyList<StoredImage>> ListByCameraAsync(string cameraUid, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(
            Select + " WHERE cam.uid = @cameraUid AND i.kind <> 'reference' ORDER BY i.created_at DESC, i.id DESC LIMIT @limit",
            new { cameraUid, limit });
        return [.. rows.Select(r => r.ToImage())];
    }

    /// <summary>Deletes a row that no reading points at (used to undo a half-done store).</summary>
    public async Task DeleteUnreferencedAsync(string uid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            DELETE FROM images WHERE uid = @uid
              AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.image_id = images.id)
              AND NOT EXISTS (SELECT 1 FROM lane_profiles l WHERE l.reference_image_id = images.id)
            """,
            new { uid });
    }

    private sealed record Row(
        string Uid, string Crossing, string? CameraUid, string Kind, string Sha256, long Width, long Height, string Path, string? OverlayPath,
        long Faces, long Plates, string? Analysis, long CreatedAtMs, long? ObservedAtMs)
    {
        public StoredImage ToImage() => new(
            Uid, Crossing, CameraUid, Kind, Sha256, (int)Width, (int)Height, Path, OverlayPath, (int)Faces, (int)Plates, Analysis,
            UnixTime.FromMs(CreatedAtMs), UnixTime.FromMs(ObservedAtMs));
    }
}
