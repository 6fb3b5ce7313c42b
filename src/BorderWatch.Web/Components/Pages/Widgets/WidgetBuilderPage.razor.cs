using BorderWatch.Core.Crossings;
using Microsoft.AspNetCore.Components;

namespace BorderWatch.Web.Components.Pages.Widgets;

/// <summary>The embed builder: pick a card, map or badge and its options, see it live, copy the snippet.</summary>
public sealed partial class WidgetBuilderPage
{
    /// <summary>The languages the widgets speak, named in themselves.</summary>
    internal static readonly IReadOnlyList<(string Code, string Name)> Languages =
    [
        ("en", "English"), ("ru", "Русский"), ("uk", "Українська"), ("ar", "العربية"), ("fi", "Suomi"), ("ka", "ქართული"),
    ];

    private WidgetSpec _spec = new();

    [Inject]
    private Gazetteer Gazetteer { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string Root => Navigation.BaseUri.TrimEnd('/');

    private string CrossingName => Gazetteer.Find(_spec.Crossing)?.Name ?? _spec.Crossing;

    private string IframeSnippet => _spec.IframeSnippet(Root, CrossingName);

    private string ScriptSnippet => _spec.ScriptSnippet(Root, CrossingName);

    private void Update(WidgetSpec spec) => _spec = spec;
}
