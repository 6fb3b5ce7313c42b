using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Tests;

/// <summary>Hand-made crossings and readings with round numbers, so expected values can be worked out on paper.</summary>
internal static class TestCrossings
{
    public static readonly DateTimeOffset Noon = new(2022, 9, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>7 m per vehicle, 100 vehicles per hour.</summary>
    public static Crossing Simple { get; } = new()
    {
        Slug = "test",
        Name = "Test – Crossing",
        Countries = ["FI", "RU"],
        Latitude = 60,
        Longitude = 27,
        TimeZone = "Europe/Helsinki",
        ProcessingRatePerHour = 100,
        ProcessingRateIsDefault = false,
        VehicleSpacingM = 7,
    };

    private static long _nextId;

    public static Reading Reading(
        DateTimeOffset at,
        double? km = null,
        double? vehicles = null,
        double? wait = null,
        double confidence = 1,
        ReadingKind kind = ReadingKind.Feed,
        Direction direction = Direction.Unknown,
        ReadingStatus status = ReadingStatus.Accepted,
        string? sourceType = null) => new()
        {
            Id = Interlocked.Increment(ref _nextId),
            Crossing = Simple.Slug,
            ObservedAt = at,
            ReceivedAt = at,
            Kind = kind,
            Direction = direction,
            QueueKm = km,
            Vehicles = vehicles,
            WaitHours = wait,
            Confidence = confidence,
            Status = status,
            Source = new Provenance(SourceType: sourceType),
        };
}
