using System.Text.Json.Serialization;

namespace BorderWatch.Core.Readings;

/// <summary>A reading as a client sends it: loosely typed, so every bad field can be named in the reply.</summary>
/// <remarks>Unknown fields are refused: a misspelt "queue_km" must not silently become a reading without a queue.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReadingInput
{
    public string? Crossing { get; init; }
    public DateTimeOffset? ObservedAt { get; init; }
    public string? Kind { get; init; }
    public string? Direction { get; init; }
    public double? QueueKm { get; init; }
    public double? Vehicles { get; init; }
    public double? WaitHours { get; init; }
    public double? Confidence { get; init; }
    public string? Status { get; init; }
    public SourceInput? Source { get; init; }
}

/// <summary>Provenance as a client sends it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SourceInput
{
    public string? Name { get; init; }
    public string? Url { get; init; }
    public string? Type { get; init; }
    public string? Excerpt { get; init; }
}
