using BorderWatch.Core.Readings;

namespace BorderWatch.Data.Tests.Summaries;

/// <summary>Readings for the summary fixtures: every field the summary looks at, set explicitly.</summary>
internal static class SummaryReadings
{
    public static Reading Make(
        string crossing, string observedUtc, double? vehicles = null, double? km = null, double? wait = null,
        ReadingKind kind = ReadingKind.Manual, string? source = null, string sourceType = "official", double confidence = 0.8,
        Direction direction = Direction.Outbound, ReadingStatus status = ReadingStatus.Accepted, bool demo = false)
    {
        var observed = DateTimeOffset.Parse(observedUtc, System.Globalization.CultureInfo.InvariantCulture);
        return new Reading
        {
            Crossing = crossing,
            ObservedAt = observed,
            ReceivedAt = observed.AddMinutes(2),
            Kind = kind,
            Direction = direction,
            Vehicles = vehicles,
            QueueKm = km,
            WaitHours = wait,
            Confidence = confidence,
            Status = status,
            IsDemo = demo,
            Source = source is null ? Provenance.None : new Provenance(source, null, sourceType),
        };
    }
}
