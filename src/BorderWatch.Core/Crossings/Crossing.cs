namespace BorderWatch.Core.Crossings;

/// <summary>A road border crossing, identified by a stable lowercase slug.</summary>
/// <remarks>
/// Coordinates, time zone and <see cref="Countries"/>[0] describe the checkpoint of the country the slug names;
/// "outbound" readings travel from <c>Countries[0]</c> to <c>Countries[1]</c>.
/// </remarks>
public sealed record Crossing
{
    public required string Slug { get; init; }
    public required string Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 codes: the slug's side first, then the other side.</summary>
    public required IReadOnlyList<string> Countries { get; init; }

    public required double Latitude { get; init; }
    public required double Longitude { get; init; }

    /// <summary>IANA time zone of the first country's checkpoint; local days are counted in it.</summary>
    public required string TimeZone { get; init; }

    public string Region { get; init; } = "";
    public IReadOnlyList<CrossingSide> Sides { get; init; } = [];
    public IReadOnlyList<CrossingAlias> Aliases { get; init; } = [];

    /// <summary>Typical vehicles processed per hour in the busy direction (the default when none is published).</summary>
    public double ProcessingRatePerHour { get; init; } = new CrossingDefaults().ProcessingRatePerHour;

    /// <summary>True when <see cref="ProcessingRatePerHour"/> is the documented default, not a published figure.</summary>
    public bool ProcessingRateIsDefault { get; init; } = true;

    /// <summary>Queue metres per vehicle in one lane (larger at truck-heavy crossings).</summary>
    public double VehicleSpacingM { get; init; } = new CrossingDefaults().VehicleSpacingM;

    public bool CoordinateVerified { get; init; } = true;
}

public sealed record CrossingSide(string Country, string Name);

/// <summary>A name people use for a crossing: a spelling, transliteration, the other side's name, or a hashtag.</summary>
public sealed record CrossingAlias(string Text, string? Lang);
