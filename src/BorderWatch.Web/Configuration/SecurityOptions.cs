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

    /// <summary>
    /// Requests per minute that one client without an API key or sign-in may send to the endpoints open to anyone that
    /// do work for it (the report dry run). 0 turns the limit off.
    /// </summary>
    public int AnonymousRequestsPerMinute { get; set; } = 60;

    /// <summary>Shortest acceptable bootstrap key: shorter ones are guessable.</summary>
    public const int MinimumKeyLength = 16;
}
