namespace BorderWatch.Web.Configuration;

/// <summary>Configuration section <c>Demo</c>: the September 2022 replay and the live simulator.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo replay (21–30 September 2022) into an empty database.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Keep adding plausible demo readings while the app runs.</summary>
    public bool Simulate { get; set; }

    /// <summary>Seconds between simulated readings.</summary>
    public double SimulateIntervalSeconds { get; set; } = 4;
}
