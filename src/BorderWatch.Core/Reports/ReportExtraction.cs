using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Reports;

/// <summary>What the extractor found in one report.</summary>
/// <param name="Language">ISO 639-1 code of the language most of the matched words belong to; "und" when none matched.</param>
/// <param name="Readings">One reading per crossing and direction the report gives figures for.</param>
public sealed record ReportExtraction(string Language, IReadOnlyList<ExtractedReading> Readings)
{
    public static ReportExtraction Empty { get; } = new("und", []);
}

/// <summary>
/// A queue reading found in text, with the words it came from. <see cref="Status"/> is pending when a reviewer
/// should look first: an ambiguous name, a crossing guessed from a country pair, or weak context.
/// </summary>
public sealed record ExtractedReading
{
    public required string Crossing { get; init; }
    public double? QueueKm { get; init; }
    public double? Vehicles { get; init; }
    public double? WaitHours { get; init; }
    public Direction Direction { get; init; } = Direction.Unknown;

    /// <summary>How sure the extraction is, in [0, 1]: the name, the context words and the qualifiers.</summary>
    public double Confidence { get; init; }

    /// <summary>Accepted when confident, pending when a reviewer should decide.</summary>
    public ReadingStatus Status { get; init; } = ReadingStatus.Accepted;

    /// <summary>The sentence or sentences the figures come from, as written.</summary>
    public required string Evidence { get; init; }

    /// <summary>Where <see cref="Evidence"/> starts in the report text.</summary>
    public int EvidenceStart { get; init; }

    /// <summary>Spans of <see cref="Evidence"/> to highlight: the crossing's name, each figure, the countries.</summary>
    public IReadOnlyList<EvidenceSpan> Highlights { get; init; } = [];

    /// <summary>Each figure as written, with its range and qualifier.</summary>
    public IReadOnlyList<ExtractedQuantity> Quantities { get; init; } = [];

    /// <summary>Why the reading is pending or less confident, for the reviewer.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Other crossings the text may mean (a country pair with several crossings).</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>How the crossing was found: <c>name</c> or <c>country-pair</c>.</summary>
    public string Via { get; init; } = "name";

    /// <summary>The name of the crossing as matched (base form from the gazetteer), when found by name.</summary>
    public string? MatchedName { get; init; }
}

/// <param name="Start">Offset in the evidence text.</param>
/// <param name="Length">Length in the evidence text.</param>
/// <param name="Kind"><c>crossing</c>, <c>quantity</c> or <c>country</c>.</param>
public sealed record EvidenceSpan(int Start, int Length, string Kind);

/// <param name="Field"><c>queueKm</c>, <c>vehicles</c> or <c>waitHours</c>.</param>
/// <param name="Value">The value used (the midpoint of a range).</param>
/// <param name="Min">Lower end of a range, when one was given.</param>
/// <param name="Max">Upper end of a range, when one was given.</param>
/// <param name="Qualifier"><c>about</c>, <c>upTo</c>, <c>moreThan</c> or <c>lessThan</c>, when stated.</param>
/// <param name="Text">The words as written ("до 5 км", "between 24 and 36 hours").</param>
public sealed record ExtractedQuantity(string Field, double Value, double? Min, double? Max, string? Qualifier, string Text);
