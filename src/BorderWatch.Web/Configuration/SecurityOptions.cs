namespace BorderWatch.Web.Configuration;

/// <summary>Configuration section <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// On first start with no API key in the database, this value becomes the first ingest key. When empty, a key
    /// is generated and printed once to standard output.
    /// </summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>Shortest acceptable bootstrap key: shorter ones are guessable.</summary>
    public const int MinimumKeyLength = 16;
}
