using System.Text;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Reports;
using BorderWatch.Core.Reports.Lexicon;

namespace BorderWatch.Core.Tests.Reports;

public sealed class LanguageDataTests
{
    [Fact]
    public void LoadLanguages_Embedded_EveryFileHasUnitsVehiclesQueueWordsAndNumbers()
    {
        var languages = EmbeddedLanguageData.LoadLanguages().Where(l => l.Code != "*").ToList();

        Assert.True(languages.Count >= 10);
        Assert.All(languages, l =>
        {
            Assert.Contains("km", l.Units.Keys);
            Assert.Contains("h", l.Units.Keys);
            Assert.NotEmpty(l.Vehicles);
            Assert.NotEmpty(l.Numbers);
            Assert.NotEmpty(l.Cues["queue"]);
            Assert.NotEmpty(l.NoQueue);
        });
    }

    [Fact]
    public void Create_WithAnExtraLanguageFile_ReadsReportsInThatLanguage()
    {
        // German, written as data only: adding a language needs no code.
        const string german = """
        {
          "code": "de", "name": "German", "inflects": ["de"],
          "units": { "km": ["Kilometer"], "h": ["Stunden", "Std"] },
          "vehicles": ["Autos", "Fahrzeuge"],
          "numbers": { "zwei": 2, "drei": 3 },
          "qualifiers": { "about": ["etwa", "rund"] },
          "ranges": ["zwischen … und …"],
          "cues": { "queue": ["Stau", "Schlange", "Warteschlange"], "wait": ["warten", "Wartezeit"] },
          "countries": { "RU": ["Russland"], "NO": ["Norwegen"] },
          "direction": { "to": ["nach"], "from": ["aus"] },
          "noQueue": ["kein Stau"]
        }
        """;
        var languages = EmbeddedLanguageData.LoadLanguages().Append(LanguageData.Parse(new MemoryStream(Encoding.UTF8.GetBytes(german)))).ToList();
        var extractor = ReportExtractor.Create(Gazetteer.Default, languages, EmbeddedLanguageData.LoadSettings());

        var reading = Assert.Single(extractor.Extract("Storskog: Stau von etwa drei Kilometer, Wartezeit zwischen 2 und 3 Std. nach Norwegen").Readings);

        Assert.Equal("storskog", reading.Crossing);
        Assert.Equal(3, reading.QueueKm);
        Assert.Equal(2.5, reading.WaitHours);
        // Storskog is Norway–Russia: towards Norway is inbound.
        Assert.Equal(Core.Readings.Direction.Inbound, reading.Direction);
        Assert.Equal("de", extractor.Extract("Storskog: Stau 3 Kilometer").Language);
    }

    [Fact]
    public void Parse_UnknownField_RefusedWithItsName()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            LanguageData.Parse(new MemoryStream(Encoding.UTF8.GetBytes("""{ "code": "xx", "unitz": {} }"""))));

        Assert.Contains("unitz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_ContextAliases_AreAllGazetteerAliases()
    {
        var aliases = Gazetteer.Default.Crossings.SelectMany(c => c.Aliases).Select(a => a.Text).ToHashSet(StringComparer.Ordinal);

        Assert.All(EmbeddedLanguageData.LoadSettings().ContextAliases, a => Assert.Contains(a.Text, aliases));
    }
}
