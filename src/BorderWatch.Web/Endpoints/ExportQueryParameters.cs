using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Data.Summaries;

namespace BorderWatch.Web.Endpoints;

/// <summary>Reads <c>from</c>, <c>to</c> and <c>crossing</c> of the export routes, naming each bad field.</summary>
internal static class ExportQueryParameters
{
    /// <summary>Ten years of days: enough for any report, small enough that a typo does not start an endless export.</summary>
    public const int MaxDays = 3660;

    /// <summary>Days before today (UTC) that the default range starts.</summary>
    public const int DefaultDaysBack = 6;

    /// <summary>
    /// The default range: from 6 days before today (UTC) to tomorrow (UTC), because somewhere east of UTC it is already
    /// tomorrow, and that crossing's rows of today (marked not complete) belong in "the last week" too.
    /// </summary>
    public static (DateOnly From, DateOnly To) DefaultRange(DateOnly todayUtc) => (todayUtc.AddDays(-DefaultDaysBack), todayUtc.AddDays(1));

    public static SummaryQuery? Parse(string? from, string? to, string? crossing, Gazetteer gazetteer, DateOnly todayUtc, Dictionary<string, string[]> errors)
    {
        var (defaultFrom, defaultTo) = DefaultRange(todayUtc);
        var toDate = ParseDate(to, "to", errors) ?? defaultTo;
        var fromDate = ParseDate(from, "from", errors) ?? (to is null ? defaultFrom : toDate.AddDays(-DefaultDaysBack - 1));
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (fromDate > toDate)
            {
                errors["from"] = [$"from ({fromDate:yyyy-MM-dd}) is after to ({toDate:yyyy-MM-dd})."];
            }
            else if (toDate.DayNumber - fromDate.DayNumber >= MaxDays)
            {
                errors["to"] = [$"The range is longer than {MaxDays} days; export it in parts."];
            }
        }

        if (crossing is not null && !gazetteer.Contains(crossing))
        {
            var shown = crossing.Length > 60 ? crossing[..60] + "…" : crossing;
            errors["crossing"] = [$"There is no crossing '{shown}'. GET /api/crossings lists the slugs."];
        }

        return errors.Count == 0 ? new SummaryQuery(fromDate, toDate, crossing) : null;
    }

    public static bool? ParseBool(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors[field] = [$"{field} must be true or false."];
        return null;
    }

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [$"{field} must be a local date as YYYY-MM-DD (e.g. 2022-09-24): days are counted in each crossing's own time zone."];
        return null;
    }
}
