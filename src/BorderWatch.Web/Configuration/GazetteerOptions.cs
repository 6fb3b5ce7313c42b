using BorderWatch.Core.Crossings;

namespace BorderWatch.Web.Configuration;

/// <summary>Configuration section <c>Gazetteer</c>: crossings beyond the built-in list.</summary>
public sealed class GazetteerOptions
{
    public const string SectionName = "Gazetteer";

    /// <summary>
    /// Optional path of a file in the <c>crossings.json</c> format (docs/gazetteer.md) whose crossings are added to
    /// the built-in ones, e.g. local crossings, or the 500-crossing set the dashboard measurement generates. Relative
    /// paths resolve against the app folder. Empty: the built-in gazetteer only.
    /// </summary>
    public string ExtraFile { get; set; } = "";

    /// <summary>The built-in gazetteer plus the crossings of <see cref="ExtraFile"/>, if set.</summary>
    public static Gazetteer Load(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = configuration.GetSection(SectionName)[nameof(ExtraFile)];
        if (string.IsNullOrWhiteSpace(file))
        {
            return Gazetteer.Default;
        }

        var path = Path.GetFullPath(Path.Combine(contentRoot, file));
        Gazetteer extra;
        try
        {
            using var stream = File.OpenRead(path);
            extra = Gazetteer.Parse(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"Gazetteer:ExtraFile '{path}' could not be read: {ex.Message}", ex);
        }

        var clash = extra.Crossings.FirstOrDefault(c => Gazetteer.Default.Contains(c.Slug));
        if (clash is not null)
        {
            throw new InvalidOperationException($"Gazetteer:ExtraFile '{path}' lists '{clash.Slug}', which the built-in gazetteer already has.");
        }

        return new Gazetteer(Gazetteer.Default.Crossings.Concat(extra.Crossings), Gazetteer.Default.Defaults);
    }
}
