namespace BorderWatch.Vision.Queues;

/// <summary>One stretch of the lane and whether the analyser saw a vehicle in it.</summary>
/// <param name="FromMetres">Start, in metres from the head.</param>
/// <param name="ToMetres">End, in metres from the head.</param>
/// <param name="Occupancy">Share of the stretch's pixels that are not empty road, 0–1.</param>
/// <param name="Occupied">Whether the stretch holds a vehicle.</param>
/// <param name="InQueue">Whether the stretch lies between the head and the queue end.</param>
/// <param name="Corners">The stretch as a quadrilateral in image pixels, for drawing.</param>
public sealed record LaneCell(double FromMetres, double ToMetres, double Occupancy, bool Occupied, bool InQueue, IReadOnlyList<PixelPoint> Corners);

/// <summary>What the analyser made of one image: the queue along the lane, and how sure it is.</summary>
/// <param name="Vehicles">Vehicles counted in the queue.</param>
/// <param name="QueueEnd">The last point of the queue in image pixels (the head itself when the lane is empty).</param>
/// <param name="QueueFraction">Share of the lane's length the queue occupies, 0–1.</param>
/// <param name="QueueLengthMetres">Queue length on the ground, when the lane is calibrated (widths or distances); else null.</param>
/// <param name="LaneLengthMetres">Length of the drawn lane on the ground, when calibrated; else null.</param>
/// <param name="Confidence">0–1: how clearly occupied and empty road were told apart, discounted for dark, tiny or uncalibrated lanes.</param>
/// <param name="UsedReference">True when an empty-road reference (frame or learned background) was compared against.</param>
/// <param name="Cells">The lane's stretches with their state, for the overlay and for the analyst.</param>
/// <param name="Notes">Why the confidence is what it is, in words an analyst can act on.</param>
public sealed record QueueEstimate(
    int Vehicles,
    PixelPoint QueueEnd,
    double QueueFraction,
    double? QueueLengthMetres,
    double? LaneLengthMetres,
    double Confidence,
    bool UsedReference,
    IReadOnlyList<LaneCell> Cells,
    IReadOnlyList<string> Notes)
{
    /// <summary>Below this the estimate should be checked by a person before it counts.</summary>
    public const double ReviewBelow = 0.5;

    public bool NeedsReview => Confidence < ReviewBelow;
}
