using BorderWatch.Core.Estimates;
using BorderWatch.Core.Readings;

namespace BorderWatch.Web.Live;

/// <summary>Something every live view may want to show. Published only after the database commit.</summary>
public abstract record LiveUpdate(string Crossing);

/// <summary>A reading (or a new version of one) was stored.</summary>
public sealed record ReadingAdded(Reading Reading) : LiveUpdate(Reading.Crossing);

/// <summary>A crossing's current estimate changed.</summary>
public sealed record EstimateChanged(CrossingEstimate Estimate) : LiveUpdate(Estimate.Crossing);
