using System.Collections.Frozen;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Reports.Text;

namespace BorderWatch.Core.Reports.Lexicon;

/// <summary>What a matched phrase means to the extractor.</summary>
internal enum EntryKind : byte
{
    Unit,
    StandaloneUnit,
    UnitQualifier,
    Vehicle,
    VehicleModifier,
    Number,
    Scale,
    NumberJoiner,
    Qualifier,
    QualifierAfter,
    RangeOpener,
    RangeJoiner,
    ChangeOpener,
    ChangeJoiner,
    ChangeWord,
    Cue,
    Country,
    CountryTo,
    CountryCaseTo,
    CountryCaseFrom,
    DirectionTo,
    DirectionFrom,
    DirectionToCase,
    Alias,
    NoQueue,
}

/// <summary>Alias ambiguity: plain names, names needing a queue or border word nearby, names always reviewed.</summary>
internal enum AliasLevel : byte
{
    Plain,
    NeedsContext,
    Weak,
}

/// <summary>One meaning of a phrase. <see cref="Code"/> is a unit, cue, qualifier, country code, slug or opener.</summary>
internal sealed record LexEntry(EntryKind Kind, string Lang, string Code, double Value = 0, AliasLevel Level = AliasLevel.Plain, string? Note = null, string? Text = null);

/// <summary>A sequence of folded tokens and everything it can mean.</summary>
internal sealed class Phrase(string[] tokens, LexEntry[] entries)
{
    public string[] Tokens { get; } = tokens;
    public LexEntry[] Entries { get; set; } = entries;
}

/// <summary>
/// All languages' words compiled into one phrase table. Reports mix languages (an English article quoting an Arabic
/// post), so every language is matched at once; each entry remembers its language for statistics and detection.
/// </summary>
internal sealed class ReportLexicon
{
    private readonly Dictionary<string, Phrase[]> _byFirstToken;
    private readonly Dictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private ReportLexicon(Dictionary<string, Phrase[]> byFirstToken, IReadOnlyList<LanguageData> languages, ExtractionSettings settings, Gazetteer gazetteer)
    {
        _byFirstToken = byFirstToken;
        _lookup = byFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        Languages = languages;
        NumberAfterNoun = languages.Where(l => l.NumberAfterNoun).Select(l => l.Code).ToFrozenSet(StringComparer.Ordinal);
        Settings = settings;
        Gazetteer = gazetteer;
        CrossingsByPair = gazetteer.Crossings
            .GroupBy(c => PairKey(c.Countries[0], c.Countries[1]), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<Crossing>)[.. g.OrderByDescending(c => c.ProcessingRateIsDefault ? 0 : c.ProcessingRatePerHour).ThenBy(c => c.Slug, StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    public IReadOnlyList<LanguageData> Languages { get; }

    /// <summary>Languages where a number may follow its noun ("машин около 200").</summary>
    public FrozenSet<string> NumberAfterNoun { get; }
    public ExtractionSettings Settings { get; }
    public Gazetteer Gazetteer { get; }
    public int PhraseCount => _byFirstToken.Values.Sum(p => p.Length);

    /// <summary>Crossings by unordered country pair ("GE|RU"), busiest first.</summary>
    public FrozenDictionary<string, IReadOnlyList<Crossing>> CrossingsByPair { get; }

    public static string PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a + "|" + b : b + "|" + a;

    /// <summary>The longest phrase that starts at token <paramref name="index"/>, and the index after it.</summary>
    public (Phrase? Phrase, int End) Match(TokenizedText text, int index)
    {
        if (!_lookup.TryGetValue(text.Text(index), out var phrases))
        {
            var token = text[index];
            // "#Vaalimaa" is also "Vaalimaa": try a hashtag's word when the hashtag itself is not listed.
            if (token.Kind != TokenKind.Hashtag || !_lookup.TryGetValue(text.Text(index)[1..], out phrases))
            {
                return (null, index + 1);
            }

            foreach (var phrase in phrases)
            {
                if (phrase.Tokens.Length == 1)
                {
                    return (phrase, index + 1);
                }
            }

            return (null, index + 1);
        }

        foreach (var phrase in phrases)
        {
            var end = MatchRest(text, index, phrase.Tokens);
            if (end > 0)
            {
                return (phrase, end);
            }
        }

        return (null, index + 1);
    }

    private static int MatchRest(TokenizedText text, int index, string[] tokens)
    {
        var position = index + 1;
        for (var t = 1; t < tokens.Length; t++)
        {
            // "Vaalimaa – Torfyanovka", "raja-asema": a dash between words of a name is optional.
            if (tokens[t] != "-" && text.IsPunct(position, '-'))
            {
                position++;
            }

            if (position >= text.Count || !text.Text(position).SequenceEqual(tokens[t]))
            {
                return 0;
            }

            position++;
        }

        return position;
    }

    public static ReportLexicon Build(IReadOnlyList<LanguageData> languages, ExtractionSettings settings, Gazetteer gazetteer)
    {
        var builder = new Builder(languages);
        foreach (var language in languages)
        {
            builder.AddLanguage(language);
        }

        var contextAliases = settings.ContextAliases.ToDictionary(a => TextFolding.Fold(a.Text), StringComparer.Ordinal);
        foreach (var crossing in gazetteer.Crossings)
        {
            foreach (var alias in crossing.Aliases)
            {
                var folded = TextFolding.Fold(alias.Text);
                var level = AliasLevel.Plain;
                string? note = null;
                if (contextAliases.TryGetValue(folded, out var context))
                {
                    level = context.Level == "weak" ? AliasLevel.Weak : AliasLevel.NeedsContext;
                    note = context.Why;
                }

                builder.AddName(alias.Text, alias.Lang, new LexEntry(EntryKind.Alias, alias.Lang ?? "*", crossing.Slug, 0, level, note, alias.Text), hashtag: level == AliasLevel.Plain);
            }
        }

        return new ReportLexicon(builder.Compile(), languages, settings, gazetteer);
    }

    private sealed class Builder(IReadOnlyList<LanguageData> languages)
    {
        private const int MaxFormsPerName = 600;

        private readonly Dictionary<string, (string[] Tokens, List<LexEntry> Entries)> _phrases = new(StringComparer.Ordinal);

        public void AddLanguage(LanguageData language)
        {
            var lang = language.Code;
            foreach (var (unit, words) in language.Units)
            {
                AddAll(words, new LexEntry(EntryKind.Unit, lang, unit));
            }

            foreach (var (word, qualifier) in language.UnitQualifiers)
            {
                Add(word, new LexEntry(EntryKind.UnitQualifier, lang, qualifier));
            }

            foreach (var standalone in language.StandaloneUnits)
            {
                Add(standalone.Text, new LexEntry(EntryKind.StandaloneUnit, lang, standalone.Unit, standalone.Value));
            }

            AddAll(language.Vehicles, new LexEntry(EntryKind.Vehicle, lang, "vehicles"));
            AddAll(language.NoQueue, new LexEntry(EntryKind.NoQueue, lang, "queueKm"));
            AddAll(language.VehicleModifiers, new LexEntry(EntryKind.VehicleModifier, lang, ""));
            foreach (var (word, value) in language.Numbers)
            {
                Add(word, new LexEntry(EntryKind.Number, lang, "", value));
            }

            AddAll(language.Articles, new LexEntry(EntryKind.Number, lang, "article", 1));
            foreach (var (word, value) in language.Scales)
            {
                Add(word, new LexEntry(EntryKind.Scale, lang, "", value));
            }

            AddAll(language.NumberJoiners, new LexEntry(EntryKind.NumberJoiner, lang, ""));
            foreach (var (meaning, words) in language.Qualifiers)
            {
                AddAll(words, new LexEntry(EntryKind.Qualifier, lang, meaning));
            }

            foreach (var (meaning, words) in language.QualifiersAfter)
            {
                AddAll(words, new LexEntry(EntryKind.QualifierAfter, lang, meaning));
            }

            AddPatterns(language.Ranges, lang, EntryKind.RangeOpener, EntryKind.RangeJoiner);
            AddPatterns(language.Changes, lang, EntryKind.ChangeOpener, EntryKind.ChangeJoiner);
            AddAll(language.ChangeWords, new LexEntry(EntryKind.ChangeWord, lang, ""));
            foreach (var (cue, words) in language.Cues)
            {
                AddAll(words, new LexEntry(EntryKind.Cue, lang, cue));
            }

            foreach (var (code, names) in language.Countries)
            {
                foreach (var name in names)
                {
                    AddName(name, lang, new LexEntry(EntryKind.Country, lang, code), hashtag: false, ownLanguage: language);
                }
            }

            foreach (var (code, names) in language.CountriesTo)
            {
                AddAll(names, new LexEntry(EntryKind.CountryTo, lang, code));
            }

            foreach (var (direction, byCountry) in language.CountryCases)
            {
                var kind = direction switch
                {
                    "to" => EntryKind.CountryCaseTo,
                    "from" => EntryKind.CountryCaseFrom,
                    _ => throw new InvalidDataException($"Language '{lang}': unknown country case '{direction}' (to, from)."),
                };
                foreach (var (code, names) in byCountry)
                {
                    AddAll(names, new LexEntry(kind, lang, code));
                    AddAll(names, new LexEntry(EntryKind.Country, lang, code));
                }
            }

            foreach (var (direction, words) in language.Direction)
            {
                var kind = direction switch
                {
                    "to" => EntryKind.DirectionTo,
                    "from" => EntryKind.DirectionFrom,
                    "toCase" => EntryKind.DirectionToCase,
                    _ => throw new InvalidDataException($"Language '{lang}': unknown direction '{direction}' (to, from, toCase)."),
                };
                AddAll(words, new LexEntry(kind, lang, direction));
            }
        }

        /// <summary>"between … and …": the opener and the joiner, the joiner remembering its opener.</summary>
        private void AddPatterns(List<string> patterns, string lang, EntryKind openerKind, EntryKind joinerKind)
        {
            foreach (var pattern in patterns)
            {
                var parts = pattern.Split('…');
                if (parts.Length != 3)
                {
                    throw new InvalidDataException($"Language '{lang}': the pattern '{pattern}' needs exactly two … placeholders.");
                }

                var opener = Key(Tokens(parts[0]));
                if (opener.Length > 0)
                {
                    Add(parts[0], new LexEntry(openerKind, lang, opener));
                }

                Add(parts[1], new LexEntry(joinerKind, lang, opener));
            }
        }

        private void AddAll(IEnumerable<string> words, LexEntry entry)
        {
            foreach (var word in words)
            {
                Add(word, entry);
            }
        }

        private void Add(string text, LexEntry entry) => AddTokens(Tokens(text), entry);

        private void AddTokens(string[] tokens, LexEntry entry)
        {
            if (tokens.Length == 0)
            {
                return;
            }

            var key = Key(tokens);
            if (!_phrases.TryGetValue(key, out var phrase))
            {
                _phrases[key] = phrase = (tokens, []);
            }

            if (!phrase.Entries.Contains(entry))
            {
                phrase.Entries.Add(entry);
            }
        }

        /// <summary>
        /// A name in every inflected form its language (and the languages that inflect it) produce, with clitic
        /// prefixes on the first word, plus its hashtag (#UpperLars) when asked.
        /// </summary>
        public void AddName(string name, string? lang, LexEntry entry, bool hashtag, LanguageData? ownLanguage = null)
        {
            // Punctuation inside a name ("Vaalimaa–Torfyanovka", "Гребенне (Польща)") is optional in reports.
            var words = Tokens(name).Where(w => char.IsLetterOrDigit(w[0]) || w[0] == '#').ToArray();
            if (words.Length == 0)
            {
                return;
            }

            var inflecting = ownLanguage is not null
                ? [ownLanguage]
                : languages.Where(l => lang is not null && l.Inflects.Contains(lang, StringComparer.Ordinal)).ToList();
            var formsPerWord = words.Select(w => FormsOf(w, inflecting)).ToList();
            var prefixes = inflecting.SelectMany(l => l.Prefixes).Select(TextFolding.Fold).Distinct(StringComparer.Ordinal).ToList();
            if (prefixes.Count > 0 && !words[0].StartsWith('#'))
            {
                formsPerWord[0] = [.. formsPerWord[0], .. formsPerWord[0].SelectMany(f => prefixes.Select(p => p + f))];
            }

            var combinations = 0;
            foreach (var combination in Cartesian(formsPerWord))
            {
                AddTokens(combination, entry);
                if (++combinations >= MaxFormsPerName)
                {
                    break;
                }
            }

            if (hashtag && !words[0].StartsWith('#') && words.Length > 1)
            {
                AddTokens(["#" + string.Concat(words)], entry);
            }
        }

        private static List<string> FormsOf(string word, IReadOnlyList<LanguageData> inflecting)
        {
            var forms = new List<string> { word };
            if (word.StartsWith('#') || word.Length < 3)
            {
                return forms;
            }

            foreach (var language in inflecting)
            {
                EndingRule? best = null;
                string? bestEnding = null;
                foreach (var rule in language.Endings)
                {
                    var ending = TextFolding.Fold(rule.Ending);
                    // Keep a stem of at least three letters so short words do not turn into other words.
                    if (word.EndsWith(ending, StringComparison.Ordinal) && word.Length - ending.Length >= 3 && (bestEnding is null || ending.Length > bestEnding.Length))
                    {
                        best = rule;
                        bestEnding = ending;
                    }
                }

                if (best is null)
                {
                    continue;
                }

                var stem = word[..^bestEnding!.Length];
                foreach (var form in best.Forms)
                {
                    var inflected = stem + TextFolding.Fold(form);
                    if (!forms.Contains(inflected))
                    {
                        forms.Add(inflected);
                    }
                }
            }

            return forms;
        }

        private static IEnumerable<string[]> Cartesian(List<List<string>> lists)
        {
            var indices = new int[lists.Count];
            while (true)
            {
                yield return [.. lists.Select((list, i) => list[indices[i]])];
                var position = lists.Count - 1;
                while (position >= 0 && ++indices[position] == lists[position].Count)
                {
                    indices[position] = 0;
                    position--;
                }

                if (position < 0)
                {
                    yield break;
                }
            }
        }

        public Dictionary<string, Phrase[]> Compile()
        {
            var byFirst = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
            foreach (var (tokens, entries) in _phrases.Values)
            {
                if (!byFirst.TryGetValue(tokens[0], out var list))
                {
                    byFirst[tokens[0]] = list = [];
                }

                list.Add(new Phrase(tokens, [.. entries]));
            }

            return byFirst.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.OrderByDescending(p => p.Tokens.Length).ToArray(),
                StringComparer.Ordinal);
        }

        private static string Key(string[] tokens) => string.Join(' ', tokens);

        /// <summary>A phrase as the tokenizer would see it in a report: folded tokens, quotes dropped.</summary>
        public static string[] Tokens(string text)
        {
            var tokenized = Tokenizer.Tokenize(text);
            var result = new string[tokenized.Count];
            for (var i = 0; i < tokenized.Count; i++)
            {
                result[i] = tokenized.Text(i).ToString();
            }

            return result;
        }
    }
}
