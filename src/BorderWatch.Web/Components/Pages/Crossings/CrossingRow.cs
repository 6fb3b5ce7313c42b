using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;

namespace BorderWatch.Web.Components.Pages.Crossings;

/// <summary>One line of the crossings grid: a crossing and its current estimate.</summary>
public sealed record CrossingRow(Crossing Crossing, CrossingEstimate Estimate)
{
    public string Slug => Crossing.Slug;
    public string Name => Crossing.Name;
    public string Countries => $"{Crossing.Countries[0]} → {Crossing.Countries[1]}";
    public double? QueueKm => Estimate.QueueKm;
    public double? Vehicles => Estimate.Vehicles;
    public double? WaitHours => Estimate.WaitHours;
    public DateTimeOffset? AsOf => Estimate.AsOf;
    public double Confidence => Estimate.Confidence;

    /// <summary>Text the quick filter searches: names in every script and both countries.</summary>
    public bool Matches(string? search) =>
        string.IsNullOrWhiteSpace(search)
        || Crossing.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || Crossing.Slug.Contains(search, StringComparison.OrdinalIgnoreCase)
        || Crossing.Region.Contains(search, StringComparison.OrdinalIgnoreCase)
        || Crossing.Countries.Any(c => c.Equals(search.Trim(), StringComparison.OrdinalIgnoreCase))
        || Crossing.Aliases.Any(a => a.Text.Contains(search, StringComparison.OrdinalIgnoreCase));
}
