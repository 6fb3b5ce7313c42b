using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BorderWatch.Web.Components.Layout;

/// <summary>
/// The main navigation as HTML in MudBlazor's nav-menu classes, built once per process for each link that can be the
/// current one. It looks and behaves as <c>MudNavMenu</c> with <c>MudNavLink</c>s did (links are plain anchors, which
/// Blazor's router handles), but every open page shares one of these strings instead of keeping ~35 components.
/// </summary>
public static class NavigationMarkup
{
    private sealed record Link(string Href, string Text, string Icon, bool Exact = false, bool External = false);

    private static readonly Link[] Main =
    [
        new("/", "Live map", Icons.Material.Filled.Map, Exact: true),
        new("/crossings", "Crossings", Icons.Material.Filled.TableRows),
        new("/images/upload", "Queue from an image", Icons.Material.Filled.AddAPhoto),
        new("/cameras", "Cameras", Icons.Material.Filled.Videocam),
        new("/review", "Review queue", Icons.Material.Filled.FactCheck),
        new("/widgets", "Widgets", Icons.Material.Filled.Widgets),
        new("/alerts", "Alerts", Icons.Material.Filled.NotificationsActive),
        new("/exports", "Exports", Icons.Material.Filled.Download),
    ];

    private static readonly Link[] Tools =
    [
        new("/api/reference", "API reference", Icons.Material.Filled.Api, External: true),
        new("/healthz", "Health", Icons.Material.Filled.MonitorHeart, External: true),
    ];

    /// <summary>Index <c>i</c> marks <c>Main[i]</c> current; the last entry marks none.</summary>
    private static readonly MarkupString[] Variants =
        [.. Enumerable.Range(0, Main.Length + 1).Select(current => new MarkupString(Build(current)))];

    /// <summary>The menu for a page at <paramref name="relativePath"/> (relative to the base, as NavigationManager gives it).</summary>
    public static MarkupString For(string relativePath)
    {
        var path = "/" + relativePath.Split('?', '#')[0].TrimEnd('/');
        var current = Array.FindIndex(Main, link => IsCurrent(link, path));
        return Variants[current < 0 ? Main.Length : current];
    }

    private static bool IsCurrent(Link link, string path) =>
        link.Exact
            ? path is "/" || path.Length == 0
            : path.Equals(link.Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(link.Href + "/", StringComparison.OrdinalIgnoreCase);

    private static string Build(int current)
    {
        var html = new StringBuilder("""<nav aria-label="Main navigation" class="mud-navmenu mud-navmenu-default mud-navmenu-margin-none pt-2">""");
        for (var i = 0; i < Main.Length; i++)
        {
            Append(html, Main[i], i == current);
        }

        html.Append("""<hr class="mud-divider mud-divider-fullwidth my-2" />""");
        foreach (var link in Tools)
        {
            Append(html, link, isCurrent: false);
        }

        return html.Append("</nav>").ToString();
    }

    private static void Append(StringBuilder html, Link link, bool isCurrent)
    {
        var encoder = HtmlEncoder.Default;
        html.Append("""<div class="mud-nav-item"><a href=""").Append('"').Append(encoder.Encode(link.Href)).Append('"');
        if (link.External)
        {
            html.Append(""" target="_blank" rel="noopener noreferrer" """);
        }

        html.Append(isCurrent ? """ class="mud-nav-link mud-ripple active" aria-current="page">""" : """ class="mud-nav-link mud-ripple">""")
            .Append("""<svg class="mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">""")
            .Append(link.Icon) // MudBlazor's own SVG paths: trusted constants
            .Append("""</svg><div class="mud-nav-link-text">""").Append(encoder.Encode(link.Text)).Append("</div></a></div>");
    }
}
