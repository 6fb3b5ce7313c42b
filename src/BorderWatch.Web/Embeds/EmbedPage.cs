namespace BorderWatch.Web.Embeds;

/// <summary>What a widget document links to and carries, besides its data.</summary>
/// <param name="Css">The widget's stylesheet, inlined (one request less; its hash is in the page's CSP).</param>
/// <param name="ConfigJson">The script's configuration and first data, HTML-safe JSON.</param>
/// <param name="ScriptUrl">The fingerprinted widget script.</param>
/// <param name="OEmbedUrl">oEmbed discovery for this widget.</param>
/// <param name="AttributionUrl">The BorderWatch page behind the numbers.</param>
public sealed record EmbedPage(string Css, string ConfigJson, string ScriptUrl, string OEmbedUrl, string AttributionUrl);
