using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BorderWatch.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme stylesheet (the palette as CSS variables, typography, scrollbars), rendered once per process for
/// light and for dark. <see cref="MudThemeProvider"/> builds the same ~13,000 characters anew in every circuit and keeps
/// them in its render trees — about 60 KB and a dozen colour objects per open page. The layout writes one of these two
/// shared strings instead, so an open page holds a reference, not a copy.
/// </summary>
public sealed class ThemeStylesheet(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly Lazy<(string Light, string Dark)> _css = new(
        () => Task.Run(() => RenderBothAsync(services, loggers)).GetAwaiter().GetResult(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The <c>&lt;style&gt;</c> elements of the BorderWatch theme in the given mode.</summary>
    public MarkupString For(bool dark) => new(dark ? _css.Value.Dark : _css.Value.Light);

    private static async Task<(string Light, string Dark)> RenderBothAsync(IServiceProvider services, ILoggerFactory loggers)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return (await RenderAsync(renderer, dark: false), await RenderAsync(renderer, dark: true));
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, bool dark) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = BorderWatchTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });
}
