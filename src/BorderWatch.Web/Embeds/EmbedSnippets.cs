using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace BorderWatch.Web.Embeds;

/// <summary>The HTML a journalist pastes: an iframe that fits its column, or a script that builds one and sizes it.</summary>
public static class EmbedSnippets
{
    public const int DefaultCardWidth = 480;
    public const int DefaultMapWidth = 640;
    public const int DefaultMapHeight = 400;

    // Escapes what HTML needs escaped and nothing more: "Upper Lars – Dariali", not "Upper Lars &#x2013; Dariali".
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>A responsive iframe: as wide as the column up to <paramref name="width"/>, and as tall as the widget.</summary>
    public static string Iframe(string src, string title, int width, int height)
    {
        var e = Encoder;
        return string.Create(CultureInfo.InvariantCulture,
            $"""<iframe src="{e.Encode(src)}" title="{e.Encode(title)}" width="{width}" height="{height}" style="border:0;width:100%;max-width:{width}px;height:{height}px" loading="lazy"></iframe>""");
    }

    /// <summary>
    /// A placeholder and the loader script: the loader turns the placeholder into an iframe and follows the height the
    /// widget reports, so a card never shows a scrollbar whatever its language or layout.
    /// </summary>
    /// <param name="root">The BorderWatch server, e.g. https://borderwatch.example.</param>
    /// <param name="widget">The widget path under /embed/, with its query, e.g. crossing/upper-lars?lang=ar.</param>
    /// <param name="title">The iframe's accessible title.</param>
    public static string Script(string root, string widget, string title)
    {
        var e = Encoder;
        return $"""<div data-borderwatch="{e.Encode(widget)}" data-title="{e.Encode(title)}"></div>""" + "\n" +
               $"""<script async src="{e.Encode(root)}/embed/widget.js"></script>""";
    }
}
