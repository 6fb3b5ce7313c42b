using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Reports;

/// <summary>Checks a <see cref="ReportInput"/>, naming every bad field at once (camelCase JSON paths).</summary>
public sealed class ReportInputValidator(TimeProvider time)
{
    public IReadOnlyDictionary<string, string[]> Validate(ReportInput input, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            var key = prefix + field;
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(input.Text))
        {
            Fail("text", "text is required: the words of the report.");
        }
        else if (input.Text.Length > ReportLimits.MaxTextLength)
        {
            Fail("text", $"text is longer than {ReportLimits.MaxTextLength:N0} characters; split long documents into reports.");
        }

        if (input.Id is { Length: > ReportLimits.MaxIdLength })
        {
            Fail("id", $"id is longer than {ReportLimits.MaxIdLength} characters.");
        }

        if (input.PublishedAt is { } published)
        {
            if (published > time.GetUtcNow() + ReadingLimits.FutureTolerance)
            {
                Fail("publishedAt", "publishedAt is in the future; send the time the report was published, with an offset or in UTC.");
            }
            else if (published < ReadingLimits.EarliestObservation)
            {
                Fail("publishedAt", $"publishedAt is before {ReadingLimits.EarliestObservation:yyyy-MM-dd}.");
            }
        }

        if (input.Url is not null && !IsHttpUrl(input.Url))
        {
            Fail("url", "url must be an absolute http or https URL.");
        }

        if (input.Source is { } source)
        {
            if (source.Name is { Length: > ReadingLimits.MaxSourceNameLength })
            {
                Fail("source.name", $"source.name is longer than {ReadingLimits.MaxSourceNameLength} characters.");
            }

            if (source.Type is not null && !ReadingLimits.SourceTypes.Contains(source.Type))
            {
                Fail("source.type", $"source.type must be one of {string.Join(", ", ReadingLimits.SourceTypes)}.");
            }

            if (source.Url is not null && !IsHttpUrl(source.Url))
            {
                Fail("source.url", "source.url must be an absolute http or https URL.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    internal static bool IsHttpUrl(string url) =>
        url.Length <= ReadingLimits.MaxUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
