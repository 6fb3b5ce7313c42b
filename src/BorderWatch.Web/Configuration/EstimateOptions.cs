namespace BorderWatch.Web.Configuration;

/// <summary>Configuration section <c>Estimates</c>: how fusion treats age.</summary>
public sealed class EstimateOptions
{
    public const string SectionName = "Estimates";

    /// <summary>A crossing whose newest reading is older than this is shown as stale.</summary>
    public double StaleAfterMinutes { get; set; } = 180;

    /// <summary>How often estimates are refreshed without new readings (confidence decays, staleness flips).</summary>
    public double RefreshSeconds { get; set; } = 60;
}
