using System.Globalization;
using System.Text;
using System.Xml;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;

namespace BorderWatch.Web.Embeds;

/// <summary>Which number a badge shows.</summary>
public enum BadgeMetric
{
    Wait,
    Queue,
    Vehicles,
}

/// <summary>A status badge: the crossing on grey, the number on the colour of its severity (grey when old or unknown).</summary>
public sealed record Badge(string Label, string Value, string Color)
{
    public const int Height = 20;

    private const double CharWidth = 6.6;
    private const int Padding = 6;

    /// <summary>Fill colours with white text at a contrast of 4.5:1 or more.</summary>
    public static string ColorOf(string severity) => severity switch
    {
        "low" => "#2e7d32",
        "moderate" => "#8d5d00",
        "high" => "#c4410b",
        "extreme" => "#c62828",
        _ => "#5f6b76",
    };

    public static Badge For(Crossing crossing, CrossingEstimate estimate, BadgeMetric metric, EmbedText text, EmbedFormat format)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(format);
        var name = text.NameOf(crossing);
        // "Upper Lars – Dariali (Kazbegi)" is too long for a badge; the first side names the crossing well enough.
        var cut = name.IndexOf(" – ", StringComparison.Ordinal);
        var label = cut > 0 ? name[..cut] : name;
        if (!estimate.HasData)
        {
            return new Badge(label, text.NoData, ColorOf("unknown"));
        }

        var value = metric switch
        {
            BadgeMetric.Queue => $"{text.Queue} {format.Length(estimate.QueueKm)}",
            BadgeMetric.Vehicles => $"{format.Vehicles(estimate.Vehicles)} {text.Vehicles}",
            _ => $"{text.Wait} {format.Hours(estimate.WaitHours)}",
        };
        if (estimate.IsStale)
        {
            return new Badge(label, $"{value} · {text.Stale}", ColorOf("unknown"));
        }

        return new Badge(label, value, ColorOf(EmbedFormat.Severity(estimate.WaitHours)));
    }

    /// <summary>The badge as a standalone SVG document (UTF-8, well-formed XML: written by XmlWriter, never by concatenation).</summary>
    public byte[] ToSvg()
    {
        var labelWidth = Width(Label);
        var valueWidth = Width(Value);
        var total = labelWidth + valueWidth;
        var title = $"{Label}: {Value}";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            const string Ns = "http://www.w3.org/2000/svg";
            xml.WriteStartElement("svg", Ns);
            Attributes(xml, ("width", total), ("height", Height), ("viewBox", $"0 0 {N(total)} {Height}"), ("role", "img"), ("aria-label", title));
            xml.WriteElementString("title", Ns, title);
            xml.WriteStartElement("rect", Ns);
            Attributes(xml, ("width", total), ("height", Height), ("rx", 3), ("fill", "#555"));
            xml.WriteEndElement();
            xml.WriteStartElement("path", Ns);
            // The value's box with square left and round right corners.
            Attributes(xml, ("d", $"M{N(labelWidth)} 0h{N(valueWidth - 3)}a3 3 0 0 1 3 3v14a3 3 0 0 1-3 3h-{N(valueWidth - 3)}z"), ("fill", Color));
            xml.WriteEndElement();
            xml.WriteStartElement("g", Ns);
            Attributes(xml, ("fill", "#fff"), ("text-anchor", "middle"), ("font-family", "Verdana,DejaVu Sans,Noto Sans,sans-serif"), ("font-size", 11));
            Text(xml, Ns, Label, labelWidth / 2);
            Text(xml, Ns, Value, labelWidth + (valueWidth / 2));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    // Without font metrics on the server, an average glyph width keeps both parts roomy in Latin, Cyrillic, Georgian and Arabic.
    private static double Width(string text) => Math.Round((new StringInfo(text).LengthInTextElements * CharWidth) + (2 * Padding));

    private static void Text(XmlWriter xml, string ns, string text, double x)
    {
        xml.WriteStartElement("text", ns);
        Attributes(xml, ("x", x), ("y", 14));
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params ReadOnlySpan<(string Name, object Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value is double d ? N(d) : Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
