using System.Globalization;
using System.Text.RegularExpressions;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>
/// The rules of the Humanitarian Exchange Language (HXL 1.1) that a hashtag row and its columns must follow: each
/// tag is # + a core hashtag + lowercase +attributes; values under #date are ISO 8601 dates, values under +num are
/// numbers, #geo+lat/#geo+lon are degrees in range.
/// </summary>
internal static partial class HxlRules
{
    /// <summary>The core hashtags of the HXL 1.1 dictionary.</summary>
    private static readonly HashSet<string> CoreHashtags =
    [
        "access", "activity", "adm1", "adm2", "adm3", "adm4", "adm5", "affected", "beneficiary", "capacity", "cause",
        "channel", "contact", "country", "crisis", "currency", "date", "delivery", "description", "event", "frequency",
        "geo", "group", "impact", "indicator", "inneed", "item", "loc", "meta", "modality", "need", "operations", "org",
        "output", "population", "reached", "region", "respondee", "sector", "service", "severity", "status", "subsector",
        "targeted", "value",
    ];

    /// <summary>Every problem found; empty when the tags and values follow the rules.</summary>
    public static List<string> Check(IReadOnlyList<string> tags, IEnumerable<IReadOnlyList<string>> rows)
    {
        var problems = new List<string>();
        var parsed = tags.Select((tag, i) => (Tag: tag, Index: i, Match: TagPattern().Match(tag))).ToList();
        foreach (var (tag, index, match) in parsed)
        {
            if (!match.Success)
            {
                problems.Add($"column {index}: '{tag}' is not an HXL hashtag (#name+attribute…, lowercase letters, digits and _)");
            }
            else if (!CoreHashtags.Contains(match.Groups["name"].Value))
            {
                problems.Add($"column {index}: '#{match.Groups["name"].Value}' is not a core HXL hashtag");
            }
        }

        var rowNumber = 2;
        foreach (var row in rows)
        {
            rowNumber++;
            foreach (var (tag, index, match) in parsed.Where(p => p.Match.Success))
            {
                var value = index < row.Count ? row[index] : "";
                if (value.Length == 0)
                {
                    continue;
                }

                var attributes = match.Groups["attributes"].Value.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var name = match.Groups["name"].Value;
                if (name == "date" && !IsIsoDate(value))
                {
                    problems.Add($"row {rowNumber}, {tag}: '{value}' is not an ISO 8601 date");
                }

                var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
                if (attributes.Contains("num") && !isNumber)
                {
                    problems.Add($"row {rowNumber}, {tag}: '{value}' is not a number");
                }

                if (name == "geo" && (attributes.Contains("lat") && !(isNumber && Math.Abs(number) <= 90) || attributes.Contains("lon") && !(isNumber && Math.Abs(number) <= 180)))
                {
                    problems.Add($"row {rowNumber}, {tag}: '{value}' is not a coordinate in range");
                }
            }
        }

        return problems;
    }

    private static bool IsIsoDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex(@"^#(?<name>[a-z][a-z0-9_]*)(?<attributes>(\s*\+[a-z][a-z0-9_]*)*)$")]
    private static partial Regex TagPattern();
}
