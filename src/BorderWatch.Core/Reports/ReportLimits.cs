namespace BorderWatch.Core.Reports;

/// <summary>Bounds on report input: long enough for a news article, short enough that one request cannot stall a core.</summary>
public static class ReportLimits
{
    /// <summary>About ten pages of text; posts are a few hundred characters.</summary>
    public const int MaxTextLength = 20_000;

    public const int MaxIdLength = 200;

    /// <summary>Reports in one import (JSONL, CSV, Telegram export).</summary>
    public const int MaxImportReports = 50_000;
}
