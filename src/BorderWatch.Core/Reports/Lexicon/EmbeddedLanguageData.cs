namespace BorderWatch.Core.Reports.Lexicon;

/// <summary>The language files and extraction settings embedded in BorderWatch.Core (Reports/Languages/*.json).</summary>
public static class EmbeddedLanguageData
{
    private const string LanguagePrefix = "BorderWatch.Core.Reports.Languages.";
    private const string SettingsResource = "BorderWatch.Core.Reports.extraction.json";

    /// <summary>Every embedded language, the language-neutral one (<c>*</c>) first.</summary>
    public static IReadOnlyList<LanguageData> LoadLanguages()
    {
        var assembly = typeof(EmbeddedLanguageData).Assembly;
        var languages = new List<LanguageData>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(LanguagePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            try
            {
                languages.Add(LanguageData.Parse(stream));
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new InvalidDataException($"The language file '{name[LanguagePrefix.Length..]}' is not valid: {ex.Message}", ex);
            }
        }

        return [.. languages.OrderBy(l => l.Code == "*" ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal)];
    }

    public static ExtractionSettings LoadSettings()
    {
        using var stream = typeof(EmbeddedLanguageData).Assembly.GetManifestResourceStream(SettingsResource)
            ?? throw new InvalidOperationException($"The embedded '{SettingsResource}' is missing from the build.");
        return ExtractionSettings.Parse(stream);
    }
}
