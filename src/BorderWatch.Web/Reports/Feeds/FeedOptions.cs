using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Reports.Feeds;

/// <summary>
/// Configuration section <c>Feeds</c>: RSS/Atom feeds to read as reports, and the official structured feeds (US CBP
/// wait times, the Belarus e-queue) read as readings of kind feed. Nothing is polled unless configured.
/// </summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    /// <summary>Default minutes between polls of a feed.</summary>
    public double PollMinutes { get; set; } = 10;

    /// <summary>Poll on a timer in the background (off: only <c>POST /api/feeds/poll</c> polls, e.g. from cron or tests).</summary>
    public bool PollInBackground { get; set; } = true;

    /// <summary>Largest feed document accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long to wait for a feed to answer.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>RSS 2.0 or Atom feeds whose items are reports.</summary>
    public List<RssFeedOptions> Rss { get; set; } = [];

    /// <summary>US CBP Border Wait Times (bwtnew JSON).</summary>
    public OfficialFeedOptions Cbp { get; set; } = new() { Url = "https://bwt.cbp.gov/api/bwtnew", PollMinutes = 15 };

    /// <summary>Belarus e-queue monitoring; <c>{checkpointId}</c> in the URL is replaced by each mapped waiting zone.</summary>
    public OfficialFeedOptions BelarusQueue { get; set; } = new() { Url = "https://belarusborder.by/info/monitoring-new?token=test&checkpointId={checkpointId}", PollMinutes = 10 };
}

/// <summary>One RSS or Atom feed.</summary>
public sealed class RssFeedOptions
{
    public string Url { get; set; } = "";

    /// <summary>Name of the reports' source; default: the feed's title.</summary>
    public string? Name { get; set; }

    /// <summary>official, media, crowd…: how much the fusion believes it (docs/estimates.md).</summary>
    public string SourceType { get; set; } = "media";

    /// <summary>Minutes between polls; default <see cref="FeedOptions.PollMinutes"/>.</summary>
    public double? PollMinutes { get; set; }
}

/// <summary>An official structured feed.</summary>
public sealed class OfficialFeedOptions
{
    public bool Enabled { get; set; }
    public string Url { get; set; } = "";
    public double? PollMinutes { get; set; }
}

internal sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options)
    {
        var errors = new List<string>();
        if (options.PollMinutes is < 1 or > 1440)
        {
            errors.Add("Feeds:PollMinutes must be between 1 and 1440.");
        }

        if (options.MaxBytes is < 1024 or > 100 * 1024 * 1024)
        {
            errors.Add("Feeds:MaxBytes must be between 1 KB and 100 MB.");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            errors.Add("Feeds:TimeoutSeconds must be between 1 and 600.");
        }

        for (var i = 0; i < options.Rss.Count; i++)
        {
            var feed = options.Rss[i];
            if (!IsHttpUrl(feed.Url))
            {
                errors.Add($"Feeds:Rss:{i}:Url must be an absolute http or https URL.");
            }

            if (!Core.Readings.ReadingLimits.SourceTypes.Contains(feed.SourceType))
            {
                errors.Add($"Feeds:Rss:{i}:SourceType must be one of {string.Join(", ", Core.Readings.ReadingLimits.SourceTypes)}.");
            }

            if (feed.PollMinutes is < 1 or > 1440)
            {
                errors.Add($"Feeds:Rss:{i}:PollMinutes must be between 1 and 1440.");
            }
        }

        if (options.Cbp.Enabled && !IsHttpUrl(options.Cbp.Url))
        {
            errors.Add("Feeds:Cbp:Url must be an absolute http or https URL.");
        }

        if (options.BelarusQueue.Enabled && (!IsHttpUrl(options.BelarusQueue.Url.Replace("{checkpointId}", "x", StringComparison.Ordinal)) || !options.BelarusQueue.Url.Contains("{checkpointId}", StringComparison.Ordinal)))
        {
            errors.Add("Feeds:BelarusQueue:Url must be an absolute http or https URL containing {checkpointId}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
