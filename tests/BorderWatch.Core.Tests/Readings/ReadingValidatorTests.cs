using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Tests.Readings;

public class ReadingValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly ReadingValidator _validator = new(Gazetteer.Default, new FixedTime(Now));

    [Fact]
    public void Validate_Minimal_DefaultsToManualAcceptedNowWithFullConfidence()
    {
        var result = _validator.Validate(new ReadingInput { Crossing = "vaalimaa", QueueKm = 0.4 });

        Assert.True(result.IsValid);
        var reading = result.Reading!;
        Assert.Equal(ReadingKind.Manual, reading.Kind);
        Assert.Equal(ReadingStatus.Accepted, reading.Status);
        Assert.Equal(Direction.Unknown, reading.Direction);
        Assert.Equal(Now, reading.ObservedAt);
        Assert.Equal(1.0, reading.Confidence);
    }

    [Fact]
    public void Validate_EveryFieldWrong_ReportsEveryFieldAtOnce()
    {
        var result = _validator.Validate(new ReadingInput
        {
            Crossing = "atlantis",
            ObservedAt = Now.AddHours(2),
            Kind = "rumour",
            Direction = "sideways",
            QueueKm = -1,
            Vehicles = 1_000_000,
            WaitHours = double.NaN,
            Confidence = 1.5,
            Status = "maybe",
            Source = new SourceInput { Url = "javascript:alert(1)", Type = "oracle" },
        });

        Assert.False(result.IsValid);
        Assert.Equal(
            ["confidence", "crossing", "direction", "kind", "observedAt", "queueKm", "source.type", "source.url", "status", "vehicles", "waitHours"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NoQuantity_IsRefused()
    {
        var result = _validator.Validate(new ReadingInput { Crossing = "vaalimaa" });

        Assert.Contains("queueKm", result.Errors.Keys);
    }

    [Theory]
    [InlineData(150.0, true)]
    [InlineData(150.5, false)]
    [InlineData(0.0, true)]
    public void Validate_QueueKm_BoundedByPlausibleMaximum(double km, bool valid)
    {
        Assert.Equal(valid, _validator.Validate(new ReadingInput { Crossing = "upper-lars", QueueKm = km }).IsValid);
    }

    [Fact]
    public void Validate_SlightlyFutureTime_ToleratesClockSkew()
    {
        Assert.True(_validator.Validate(new ReadingInput { Crossing = "vaalimaa", QueueKm = 1, ObservedAt = Now.AddMinutes(4) }).IsValid);
    }

    [Theory]
    [InlineData("Outbound")]
    [InlineData("1")]
    [InlineData("outbound,inbound")]
    public void TryParseDirection_OnlyDocumentedLowercaseNames(string text)
    {
        Assert.False(ReadingNames.TryParseDirection(text, out _));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
