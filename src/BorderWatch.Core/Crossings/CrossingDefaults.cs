namespace BorderWatch.Core.Crossings;

/// <summary>Values used when a crossing has no published figure of its own.</summary>
/// <param name="ProcessingRatePerHour">
/// Vehicles processed per hour when a crossing publishes none. The gazetteer's <c>defaults</c> block sets it;
/// see docs/gazetteer.md for the reasoning.
/// </param>
/// <param name="VehicleSpacingM">
/// Queue metres per vehicle: a car of about 4.5 m plus a standing gap of about 2.5 m, in one lane.
/// </param>
public sealed record CrossingDefaults(double ProcessingRatePerHour = 60, double VehicleSpacingM = 7.0);
