using BorderWatch.Core.Readings;

namespace BorderWatch.Data.Tests;

internal static class TestReadings
{
    public static Reading At(string crossing, DateTimeOffset at, double? km = null, double? vehicles = null, double? wait = null,
        string? sourceName = null, string? sourceUrl = null, ReadingStatus status = ReadingStatus.Accepted) => new()
        {
            Crossing = crossing,
            ObservedAt = at,
            ReceivedAt = at.AddMinutes(1),
            Kind = ReadingKind.Report,
            Direction = Direction.Outbound,
            QueueKm = km,
            Vehicles = vehicles,
            WaitHours = wait,
            Confidence = 0.75,
            Status = status,
            Source = new Provenance(sourceName, sourceUrl, "media", "очередь 5500 машин"),
        };
}
