using BorderWatch.Core.Readings;
using BorderWatch.Data.Cameras;
using BorderWatch.Data.Images;
using Dapper;

namespace BorderWatch.Data.Tests.Cameras;

public sealed class CameraRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();
    private CameraRepository _cameras = default!;
    private ImageRepository _images = default!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _cameras = new CameraRepository(_db.Database, _db.Crossings);
        _images = new ImageRepository(_db.Database, _db.Crossings);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task SetLane_Twice_KeepsTheOldCalibrationAndReturnsTheNewOne()
    {
        await _cameras.SaveAsync(Camera("sg-2701", "woodlands"), Noon);
        await _images.AddAsync(Image("img_ref", "woodlands", "sg-2701", "reference"));

        await _cameras.SetLaneAsync(new StoredLane("sg-2701", "100,1000 900,400", null, null, 1920, 1080, null, Noon, "analyst"));
        await _cameras.SetLaneAsync(new StoredLane("sg-2701", "120,1000 900,420", "90 30", "0 180", 1920, 1080, "img_ref", Noon.AddHours(1), "analyst"));

        var lane = await _cameras.GetLaneAsync("sg-2701");
        Assert.Equal(("120,1000 900,420", "90 30", "0 180", "img_ref"), (lane!.Points, lane.Widths, lane.Metres, lane.ReferenceImageUid));
        await using var connection = await _db.Database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM lane_profiles"));
    }

    [Fact]
    public async Task SetLane_UnknownReferenceImage_StoresNothing()
    {
        await _cameras.SaveAsync(Camera("c1", "narva"), Noon);

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            _cameras.SetLaneAsync(new StoredLane("c1", "1,1 9,9", null, null, 640, 480, "img_missing", Noon, "analyst")));

        Assert.Null(await _cameras.GetLaneAsync("c1"));
    }

    [Fact]
    public async Task ListDue_OnlyEnabledFeedsWhoseTimeHasCome()
    {
        await _cameras.SaveAsync(Camera("due", "narva", "snapshot"), Noon);
        await _cameras.SaveAsync(Camera("later", "narva", "snapshot"), Noon);
        await _cameras.SaveAsync(Camera("paused", "narva", "snapshot") with { Enabled = false }, Noon);
        await _cameras.SaveAsync(Camera("uploads-only", "narva"), Noon);
        var later = await _cameras.GetFeedStateAsync("later");
        await _cameras.SaveFeedStateAsync(later with { NextPollAt = Noon.AddMinutes(5), ETag = "\"abc\"", Failures = 2 });

        var due = await _cameras.ListDueAsync(Noon);

        Assert.Equal(["due"], due.Select(c => c.Uid));
        var state = await _cameras.GetFeedStateAsync("later");
        Assert.Equal(("\"abc\"", 2), (state.ETag, state.Failures));
    }

    [Fact]
    public async Task DeleteUnreferenced_ImageOfAReading_IsKept()
    {
        await _images.AddAsync(Image("img_used", "narva", null, "upload"));
        await _images.AddAsync(Image("img_orphan", "narva", null, "upload"));
        await _db.Readings.InsertAsync([new(new Reading
        {
            Crossing = "narva", ObservedAt = Noon, ReceivedAt = Noon, Kind = ReadingKind.Image, Vehicles = 3, Confidence = 0.8,
            Source = new Provenance(ImageId: "img_used"),
        })]);

        await _images.DeleteUnreferencedAsync("img_used");
        await _images.DeleteUnreferencedAsync("img_orphan");

        Assert.NotNull(await _images.GetAsync("img_used"));
        Assert.Null(await _images.GetAsync("img_orphan"));
        var listed = await _images.ListByCrossingAsync("narva", 10);
        Assert.Equal("img_used", Assert.Single(listed).Uid);
    }

    private static Camera Camera(string uid, string crossing, string format = "none") =>
        new(uid, crossing, "Camera " + uid, format, format == "none" ? null : "https://example.org/" + uid + ".jpg", null, "unknown", 60, true, null);

    private static StoredImage Image(string uid, string crossing, string? camera, string kind) =>
        new(uid, crossing, camera, kind, new string('a', 64), 1920, 1080, $"2026/01/{uid}.jpg", null, 0, 0, null, Noon, Noon);
}
