using System.Text.Json.Serialization;

namespace BorderWatch.Core.Reports;

/// <summary>A report as a client sends it (<c>POST /api/reports</c>, <c>/api/reports/parse</c>, JSONL lines).</summary>
/// <remarks>Unknown fields are refused so a misspelt "published_at" is named in the reply rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReportInput
{
    /// <summary>The sender's own id for the report (a JSONL id, a message id); echoed back, never trusted for dedup.</summary>
    public string? Id { get; init; }

    /// <summary>The text: a post, a news item, a statement, a field note.</summary>
    public string? Text { get; init; }

    /// <summary>When it was published; the readings are observed then. Defaults to the time it was received.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Link to the original post or article: it identifies the report (a second POST of the same URL is a duplicate).</summary>
    public string? Url { get; init; }

    /// <summary>Who published it.</summary>
    public ReportSourceInput? Source { get; init; }
}

/// <summary>Who published a report.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReportSourceInput
{
    /// <summary>A channel, outlet or authority, e.g. "Finnish Border Guard". Never a private person's name.</summary>
    public string? Name { get; init; }

    /// <summary>official | camera | media | crowd | agent.</summary>
    public string? Type { get; init; }

    /// <summary>The channel's or outlet's home page, when <see cref="ReportInput.Url"/> is not given.</summary>
    public string? Url { get; init; }
}
