using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BorderWatch.Core.Reports.Sources;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 feeds into reports: one per item, the title and summary as text, the item link as URL.
/// No DTDs, no external entities, and a size limit: feeds come from the internet.
/// </summary>
public static class FeedDocument
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";

    private static readonly string[] RfcDateFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss",
    ];

    /// <param name="xml">The feed document.</param>
    /// <param name="sourceName">Name for the reports' source; defaults to the feed's title.</param>
    /// <param name="sourceType">Source type for the reports (media, official…).</param>
    /// <param name="maxCharacters">Refuse documents larger than this.</param>
    public static FeedContent Parse(Stream xml, string? sourceName = null, string? sourceType = "media", long maxCharacters = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"The feed is not well-formed XML: {ex.Message}", ex);
        }

        var root = document.Root ?? throw new InvalidDataException("The feed is empty.");
        if (root.Name == Atom + "feed")
        {
            var title = Text(root.Element(Atom + "title"));
            var items = root.Elements(Atom + "entry").Select(entry => new FeedItem(
                Key: Text(entry.Element(Atom + "id")) ?? AtomLink(entry),
                Title: Text(entry.Element(Atom + "title")),
                Summary: Text(entry.Element(Atom + "summary")) ?? Text(entry.Element(Atom + "content")),
                Link: AtomLink(entry),
                Published: Date(Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")))));
            return Content(title, items, sourceName, sourceType);
        }

        if (root.Name.LocalName == "rss" && root.Element("channel") is { } channel)
        {
            var title = Text(channel.Element("title"));
            var items = channel.Elements("item").Select(item => new FeedItem(
                Key: Text(item.Element("guid")) ?? Text(item.Element("link")),
                Title: Text(item.Element("title")),
                Summary: Text(item.Element("description")) ?? Text(item.Element(ContentNs + "encoded")),
                Link: Text(item.Element("link")),
                Published: Date(Text(item.Element("pubDate")))));
            return Content(title, items, sourceName, sourceType);
        }

        throw new InvalidDataException($"Not an RSS 2.0 or Atom feed (root element <{root.Name.LocalName}>).");
    }

    private static FeedContent Content(string? title, IEnumerable<FeedItem> items, string? sourceName, string? sourceType)
    {
        var name = sourceName ?? title;
        var reports = new List<(string Key, ReportInput Report)>();
        foreach (var item in items)
        {
            var text = string.Join(". ", new[] { item.Title, StripHtml(item.Summary) }.Where(t => !string.IsNullOrWhiteSpace(t)));
            if (string.IsNullOrWhiteSpace(text) || (item.Key ?? item.Link ?? item.Title) is not { } key)
            {
                continue;
            }

            var link = item.Link is not null && Uri.TryCreate(item.Link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? item.Link : null;
            reports.Add((key, new ReportInput
            {
                Id = key.Length <= ReportLimits.MaxIdLength ? key : key[..ReportLimits.MaxIdLength],
                Text = text.Length <= ReportLimits.MaxTextLength ? text : text[..ReportLimits.MaxTextLength],
                PublishedAt = item.Published,
                Url = link,
                Source = new ReportSourceInput { Name = name, Type = sourceType },
            }));
        }

        return new FeedContent(title, reports);
    }

    private static string? AtomLink(XElement entry)
    {
        var links = entry.Elements(Atom + "link").ToList();
        var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        return (string?)alternate?.Attribute("href");
    }

    private static string? Text(XElement? element) => element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    private static DateTimeOffset? Date(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // RFC 822 zones as letters ("GMT", "EST") are not understood by .NET; the common ones are mapped.
        var normalized = text.Replace(" GMT", " +00:00", StringComparison.Ordinal).Replace(" UTC", " +00:00", StringComparison.Ordinal)
            .Replace(" UT", " +00:00", StringComparison.Ordinal).Replace(" Z", " +00:00", StringComparison.Ordinal)
            .Replace(" EST", " -05:00", StringComparison.Ordinal).Replace(" EDT", " -04:00", StringComparison.Ordinal)
            .Replace(" PST", " -08:00", StringComparison.Ordinal).Replace(" PDT", " -07:00", StringComparison.Ordinal);
        if (DateTimeOffset.TryParseExact(normalized, RfcDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var rfc))
        {
            return rfc.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso.ToUniversalTime() : null;
    }

    /// <summary>Feed summaries are often HTML: keep the words, drop the tags and entities.</summary>
    internal static string? StripHtml(string? html)
    {
        if (html is null)
        {
            return null;
        }

        var builder = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                builder.Append(' ');
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }
        }

        var decoded = WebUtility.HtmlDecode(builder.ToString());
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record FeedItem(string? Key, string? Title, string? Summary, string? Link, DateTimeOffset? Published);
}

/// <param name="Title">The feed's title.</param>
/// <param name="Items">Each item's stable key (guid, id or link) and the report made of it.</param>
public sealed record FeedContent(string? Title, IReadOnlyList<(string Key, ReportInput Report)> Items);
