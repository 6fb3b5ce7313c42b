using System.Text.Json;
using System.Text.Json.Serialization;

namespace BorderWatch.Core.Reports.Lexicon;

/// <summary>
/// Everything the extractor knows about one language, as written in <c>Reports/Languages/&lt;code&gt;.json</c>.
/// Adding a language means adding such a file: no code changes. docs/reports.md describes every field.
/// </summary>
public sealed class LanguageData
{
    /// <summary>ISO 639-1 code; <c>*</c> for the language-neutral file (symbols such as ~, +, km).</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Gazetteer alias languages whose names this language inflects (Russian endings apply to ru, uk, mn… aliases).</summary>
    public List<string> Inflects { get; set; } = [];

    /// <summary>Case endings: a base-form ending and the endings that replace it in other cases.</summary>
    public List<EndingRule> Endings { get; set; } = [];

    /// <summary>Clitics glued to the front of a name (Arabic و، ب، ل…).</summary>
    public List<string> Prefixes { get; set; } = [];

    /// <summary>Unit words by unit code: km, m, mi, h, min, d.</summary>
    public Dictionary<string, List<string>> Units { get; set; } = [];

    /// <summary>Unit forms that carry a qualifier themselves (Georgian კილომეტრამდე, "up to … kilometres").</summary>
    public Dictionary<string, string> UnitQualifiers { get; set; } = [];

    /// <summary>Words that are a quantity without a number: сутки (one day), يومين (two days).</summary>
    public List<StandaloneUnit> StandaloneUnits { get; set; } = [];

    /// <summary>Nouns that count vehicles (cars, машин, سيارة…).</summary>
    public List<string> Vehicles { get; set; } = [];

    /// <summary>
    /// True where a number may follow its noun and then means "about" ("километра три", "машин около 200"): Russian and
    /// Ukrainian word order.
    /// </summary>
    public bool NumberAfterNoun { get; set; }

    /// <summary>Phrases that say there is no queue ("очереди нет", "ei jonoa"): a reading of 0 km.</summary>
    public List<string> NoQueue { get; set; } = [];

    /// <summary>Words allowed between a number and a vehicle noun (passenger, легковых, osobowych…).</summary>
    public List<string> VehicleModifiers { get; set; } = [];

    /// <summary>Number words and their values (twenty, двое, полтора = 1.5).</summary>
    public Dictionary<string, double> Numbers { get; set; } = [];

    /// <summary>Articles that mean "one" right before a unit ("an hour", "a day").</summary>
    public List<string> Articles { get; set; } = [];

    /// <summary>Multipliers after a number (thousand, тыс., k).</summary>
    public Dictionary<string, double> Scales { get; set; } = [];

    /// <summary>Words joining number words into one number ("one hundred and twenty").</summary>
    public List<string> NumberJoiners { get; set; } = [];

    /// <summary>Qualifiers before a number, by meaning: about, upTo, moreThan, lessThan.</summary>
    public Dictionary<string, List<string>> Qualifiers { get; set; } = [];

    /// <summary>Qualifiers after a quantity ("or more", "и более").</summary>
    public Dictionary<string, List<string>> QualifiersAfter { get; set; } = [];

    /// <summary>Range patterns with … for the numbers: "between … and …", "от … до …", "… - …".</summary>
    public List<string> Ranges { get; set; } = [];

    /// <summary>Change patterns whose second number is the current one: "с … до …" (grew from 5 to 14).</summary>
    public List<string> Changes { get; set; } = [];

    /// <summary>Verbs of change: with them "from … to …" is a change, not a range.</summary>
    public List<string> ChangeWords { get; set; } = [];

    /// <summary>
    /// Context cues by meaning: queue, wait, border (the figure is about a queue); distance, distanceBefore, ago,
    /// agoBefore, every, throughput, otherLane (the figure is not a vehicle queue). docs/reports.md explains each.
    /// </summary>
    public Dictionary<string, List<string>> Cues { get; set; } = [];

    /// <summary>Names, adjectives and demonyms of countries by ISO code, used for direction and country pairs.</summary>
    public Dictionary<string, List<string>> Countries { get; set; } = [];

    /// <summary>Country forms that follow a "to" preposition needing a case (Russian в + accusative: в Грузию).</summary>
    public Dictionary<string, List<string>> CountriesTo { get; set; } = [];

    /// <summary>
    /// Country forms whose case alone gives the direction, by "to" and "from" (Finnish Suomeen, Venäjältä; Georgian
    /// რუსეთიდან).
    /// </summary>
    public Dictionary<string, Dictionary<string, List<string>>> CountryCases { get; set; } = [];

    /// <summary>Direction markers: to (towards a country), from, and toCase (prepositions that need <see cref="CountriesTo"/>).</summary>
    public Dictionary<string, List<string>> Direction { get; set; } = [];

    /// <summary>Loads a language file.</summary>
    public static LanguageData Parse(Stream json)
    {
        var data = JsonSerializer.Deserialize(json, LanguageJsonContext.Default.LanguageData)
            ?? throw new InvalidDataException("The language file is empty.");
        if (string.IsNullOrWhiteSpace(data.Code))
        {
            throw new InvalidDataException("A language file needs a code.");
        }

        return data;
    }
}

/// <param name="Ending">The base-form ending it applies to ("" for any word, longest ending wins).</param>
/// <param name="Forms">Endings that replace it; include the base ending itself.</param>
public sealed record EndingRule(string Ending, List<string> Forms);

/// <param name="Text">The word.</param>
/// <param name="Unit">Unit code (h, d, km…).</param>
/// <param name="Value">How many units it means.</param>
public sealed record StandaloneUnit(string Text, string Unit, double Value);

/// <summary>Language-neutral extraction settings: names that need context, confidence factors.</summary>
public sealed class ExtractionSettings
{
    /// <summary>Aliases that also name something else; <see cref="ContextAlias.Level"/> says how much context they need.</summary>
    public List<ContextAlias> ContextAliases { get; set; } = [];

    /// <summary>Readings at or above this confidence are accepted; below it they wait for review.</summary>
    public double AcceptAt { get; set; } = 0.6;

    /// <summary>How far (in tokens) a cue may be from a quantity to describe it.</summary>
    public int CueWindow { get; set; } = 8;

    public static ExtractionSettings Parse(Stream json) =>
        JsonSerializer.Deserialize(json, LanguageJsonContext.Default.ExtractionSettings)
        ?? throw new InvalidDataException("The extraction settings are empty.");
}

/// <param name="Text">The alias as written in the gazetteer.</param>
/// <param name="Level"><c>context</c>: resolved when a queue or border word is near; <c>weak</c>: always reviewed unless another name of the same crossing appears.</param>
/// <param name="Why">Shown to the reviewer.</param>
public sealed record ContextAlias(string Text, string Level, string Why);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LanguageData))]
[JsonSerializable(typeof(ExtractionSettings))]
internal sealed partial class LanguageJsonContext : JsonSerializerContext;
