using System.Globalization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports.Lexicon;
using BorderWatch.Core.Reports.Text;

namespace BorderWatch.Core.Reports;

/// <summary>
/// Turns report text (posts, news items, statements, field notes, in any of the configured languages) into queue
/// readings: which crossing, how many kilometres, vehicles and hours, in which direction, how sure, and the words it
/// came from. Languages are data (<c>Reports/Languages/*.json</c>); see docs/reports.md for the method.
/// </summary>
/// <remarks>Thread-safe and allocation-light: one instance serves every request.</remarks>
public sealed class ReportExtractor
{
    private const double BaseConfidence = 0.95;
    private const int MaxEvidenceLength = 500;
    private const int MaxSentenceDistance = 3;

    private static readonly Lazy<ReportExtractor> BuiltIn = new(() => Create(Gazetteer.Default));

    private readonly ReportLexicon _lexicon;

    private ReportExtractor(ReportLexicon lexicon) => _lexicon = lexicon;

    /// <summary>The extractor over the built-in gazetteer and every embedded language.</summary>
    public static ReportExtractor Default => BuiltIn.Value;

    /// <summary>Language codes this extractor reads.</summary>
    public IReadOnlyList<string> Languages => [.. _lexicon.Languages.Select(l => l.Code).Where(c => c != "*")];

    /// <summary>Number of phrases (all forms of all words and names) in the compiled lexicon.</summary>
    public int PhraseCount => _lexicon.PhraseCount;

    public static ReportExtractor Create(Gazetteer gazetteer) =>
        Create(gazetteer, EmbeddedLanguageData.LoadLanguages(), EmbeddedLanguageData.LoadSettings());

    public static ReportExtractor Create(Gazetteer gazetteer, IReadOnlyList<LanguageData> languages, ExtractionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentNullException.ThrowIfNull(settings);
        return new ReportExtractor(ReportLexicon.Build(languages, settings, gazetteer));
    }

    public ReportExtraction Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReportExtraction.Empty;
        }

        var run = new Run(_lexicon, Tokenizer.Tokenize(text));
        return run.Execute();
    }

    /// <summary>One extraction: the report's items (matched phrases) and what was found in them.</summary>
    private sealed class Run
    {
        private readonly ReportLexicon _lexicon;
        private readonly TokenizedText _text;
        private readonly List<Item> _items = [];
        private readonly List<Quantity> _quantities = [];
        private readonly List<Mention> _mentions = [];
        private readonly List<CountryMention> _countries = [];
        private readonly Dictionary<string, int> _languageVotes = new(StringComparer.Ordinal);
        private SentenceCues[] _sentences = [];

        public Run(ReportLexicon lexicon, TokenizedText text)
        {
            _lexicon = lexicon;
            _text = text;
        }

        public ReportExtraction Execute()
        {
            Segment();
            if (_items.Count == 0)
            {
                return ReportExtraction.Empty;
            }

            FindQuantities();
            var readings = _quantities.Count == 0 ? [] : BuildReadings();
            var language = _languageVotes.Count == 0 ? "und" : _languageVotes.MaxBy(v => v.Value).Key;
            return new ReportExtraction(language, readings);
        }

        // ---------------------------------------------------------------- items and cues

        private void Segment()
        {
            var sentenceCount = _text.Count == 0 ? 0 : _text[_text.Count - 1].Sentence + 1;
            _sentences = new SentenceCues[sentenceCount];
            for (var i = 0; i < _text.Count;)
            {
                var (phrase, end) = _lexicon.Match(_text, i);
                var token = _text[i];
                var item = new Item(i, end - 1, phrase, token.Kind, token.Sentence, token.SpaceBefore);
                var index = _items.Count;
                _items.Add(item);
                if (phrase is not null)
                {
                    Note(phrase, index, item);
                }

                i = end;
            }
        }

        private void Note(Phrase phrase, int index, Item item)
        {
            ref var cues = ref _sentences[item.Sentence];
            foreach (var entry in phrase.Entries)
            {
                if (entry.Lang != "*" && entry.Kind != EntryKind.Alias && entry.Kind != EntryKind.Number)
                {
                    _languageVotes[entry.Lang] = _languageVotes.GetValueOrDefault(entry.Lang) + 1;
                }

                switch (entry.Kind)
                {
                    case EntryKind.Alias:
                        if (!_mentions.Any(m => m.Item == index && m.Slug == entry.Code))
                        {
                            _mentions.Add(new Mention(index, entry.Code, entry.Level, entry.Note, entry.Text ?? "", item.Sentence));
                        }

                        break;
                    case EntryKind.Country:
                    case EntryKind.CountryTo:
                        if (!_countries.Any(c => c.Item == index))
                        {
                            _countries.Add(new CountryMention(index, entry.Code, Array.Exists(phrase.Entries, e => e.Kind == EntryKind.CountryTo), item.Sentence));
                        }

                        break;
                    case EntryKind.Cue:
                        switch (entry.Code)
                        {
                            case "queue":
                                cues.Queue = true;
                                break;
                            case "wait":
                                cues.Wait = true;
                                break;
                            case "border":
                                cues.Border = true;
                                break;
                        }

                        break;
                    case EntryKind.ChangeWord:
                        cues.Change = true;
                        break;
                }
            }
        }

        // ---------------------------------------------------------------- quantities

        private void FindQuantities()
        {
            for (var k = 0; k < _items.Count; k++)
            {
                if (Entry(k, EntryKind.NoQueue) is not null)
                {
                    AddQuantity(k, k, "km", 0, null, null, null, k, noQueue: true);
                    continue;
                }

                if (TryInvertedQuantity(k, out var invertedEnd))
                {
                    k = invertedEnd;
                    continue;
                }

                if (Entry(k, EntryKind.StandaloneUnit) is { } standalone && !IsNumberAt(k - 1))
                {
                    AddQuantity(k, k, standalone.Code, standalone.Value, null, null, QualifierBefore(k), k);
                    continue;
                }

                if (!TryNumber(k, out var first))
                {
                    continue;
                }

                var value = first.Value;
                var alternative = first.Alternative;
                double? min = null, max = null;
                var next = first.Last + 1;
                var opener = first.First > 0 ? Entry(first.First - 1, EntryKind.RangeOpener) ?? Entry(first.First - 1, EntryKind.ChangeOpener) : null;
                var start = opener is null ? first.First : first.First - 1;

                if (next < _items.Count && JoinerFor(next, opener, out var isChange) && TryNumber(next + 1, out var second) && !second.IsArticle)
                {
                    var firstValue = first.Value;
                    if (second.Scale > 1 && first.Scale == 1)
                    {
                        // "5-7 тыс. машин": the scale after the second number applies to both.
                        firstValue *= second.Scale;
                    }

                    if (isChange)
                    {
                        value = second.Value;
                        alternative = second.Alternative;
                        next = second.Last + 1;
                    }
                    else if (firstValue < second.Value && second.Value <= firstValue * 20)
                    {
                        min = firstValue;
                        max = second.Value;
                        value = (firstValue + second.Value) / 2;
                        alternative = null;
                        next = second.Last + 1;
                    }
                }

                var unitAt = FindUnit(next, first.IsArticle, out var plus);
                if (unitAt < 0)
                {
                    continue;
                }

                // A qualifying form ("კილომეტრამდე") is also listed as a unit, which gives its unit.
                var unit = (Entry(unitAt, EntryKind.Unit) ?? Entry(unitAt, EntryKind.Vehicle))?.Code;
                if (unit is null)
                {
                    continue;
                }

                var qualifier = plus ? "moreThan" : Entry(unitAt, EntryKind.UnitQualifier)?.Code ?? QualifierBefore(start);
                if (!plus && unitAt + 1 < _items.Count && Entry(unitAt + 1, EntryKind.QualifierAfter) is { } after)
                {
                    qualifier = after.Code;
                }

                var last = unitAt;
                if (unit is "h" or "d" && TryCompoundTime(unitAt + 1, out var extraHours, out var compoundEnd))
                {
                    value = ToHours(unit, value) + extraHours;
                    min = min is null ? null : ToHours(unit, min.Value) + extraHours;
                    max = max is null ? null : ToHours(unit, max.Value) + extraHours;
                    unit = "h";
                    last = compoundEnd;
                }

                if (unitAt + 1 < _items.Count && IsPunct(unitAt + 1, '/'))
                {
                    // 60 km/h is a speed, not a queue.
                    k = unitAt;
                    continue;
                }

                if (alternative is { } decimalReading && !Plausible(unit, value))
                {
                    value = decimalReading;
                }

                AddQuantity(start, last, unit, value, min, max, qualifier, unitAt);
                k = last;
            }
        }

        /// <summary>
        /// "километра три", "машин около 200": in Russian and Ukrainian a number after its noun is an estimate.
        /// </summary>
        private bool TryInvertedQuantity(int k, out int end)
        {
            end = k;
            var noun = Entry(k, EntryKind.Unit) ?? Entry(k, EntryKind.Vehicle);
            if (noun is null || !_lexicon.NumberAfterNoun.Contains(noun.Lang) || IsNumberAt(k - 1) || (k > 0 && Entry(k - 1, EntryKind.VehicleModifier) is not null && IsNumberAt(k - 2)))
            {
                return false;
            }

            var j = k + 1;
            var qualifier = Entry(j, EntryKind.Qualifier)?.Code;
            if (qualifier is not null)
            {
                j++;
            }

            if (!TryNumber(j, out var number) || number.IsArticle)
            {
                return false;
            }

            var after = number.Last + 1;
            if (after < _items.Count && (Entry(after, EntryKind.Unit) is not null || Entry(after, EntryKind.Vehicle) is not null || IsPunct(after, '-')))
            {
                // "до 5 км": the number has its own unit; it is an ordinary quantity.
                return false;
            }

            AddQuantity(k, number.Last, noun.Code, number.Value, null, null, qualifier ?? "about", k);
            end = number.Last;
            return true;
        }

        private void AddQuantity(int first, int last, string unit, double value, double? min, double? max, string? qualifier, int unitItem, bool noQueue = false)
        {
            var field = unit switch
            {
                "km" or "m" or "mi" => "queueKm",
                "h" or "min" or "d" => "waitHours",
                "vehicles" => "vehicles",
                _ => null,
            };
            if (field is null)
            {
                return;
            }

            double Convert(double v) => unit switch
            {
                "m" => v / 1000,
                "mi" => v * 1.609344,
                "min" => v / 60,
                "d" => v * 24,
                _ => v,
            };

            var quantity = new Quantity
            {
                Field = field,
                Value = Convert(value),
                Min = min is null ? null : Convert(min.Value),
                Max = max is null ? null : Convert(max.Value),
                Qualifier = qualifier,
                First = qualifier is not null && first > 0 && Entry(first - 1, EntryKind.Qualifier) is not null ? first - 1 : first,
                Last = last,
                UnitItem = unitItem,
                Sentence = _items[first].Sentence,
                NoQueue = noQueue,
            };

            if (!WithinLimits(quantity) || Dismissed(quantity))
            {
                return;
            }

            _quantities.Add(quantity);
        }

        private static bool WithinLimits(Quantity quantity) => quantity.Field switch
        {
            "queueKm" => quantity.Value is >= 0 and <= ReadingLimits.MaxQueueKm,
            "vehicles" => quantity.Value is >= 0 and <= ReadingLimits.MaxVehicles,
            _ => quantity.Value is >= 0 and <= ReadingLimits.MaxWaitHours,
        };

        /// <summary>Numbers with a unit that are not queues: "2 hours ago", "150 km from Tbilisi", "1,200 cars crossed".</summary>
        private bool Dismissed(Quantity quantity)
        {
            if (quantity.NoQueue)
            {
                return false;
            }

            var cues = _sentences[quantity.Sentence];
            if (CueNear(quantity.First - 1, -2, "otherLane", stopAtPunct: true) || CueNear(quantity.Last + 1, 2, "otherLane", stopAtPunct: true))
            {
                // Pedestrian, SENTRI/NEXUS or Ready lanes: not the vehicle queue the estimate is about.
                return true;
            }

            switch (quantity.Field)
            {
                case "waitHours":
                    return CueNear(quantity.Last + 1, 2, "ago") || CueNear(quantity.First - 1, -2, "every") || CueNear(quantity.First - 1, -1, "agoBefore");
                case "queueKm":
                    // Distances ("150 km from Tbilisi", "270 kilometri līdz…") come without queue words; queues this long never do.
                    return !cues.Queue && (CueNear(quantity.Last + 1, 2, "distance") || CueNear(quantity.First - 1, -3, "distanceBefore")
                        || (quantity.Value > 50 && !NextIsVehicleNoun(quantity.Last)));
                default:
                    var throughput = NearestCue(quantity, "throughput");
                    var queue = NearestCue(quantity, "queue");
                    return throughput is { } t && (queue is not { } q || t < q);
            }
        }

        private bool TryCompoundTime(int k, out double hours, out int end)
        {
            hours = 0;
            end = -1;
            if (k < _items.Count && Entry(k, EntryKind.NumberJoiner) is not null)
            {
                k++;
            }

            if (!TryNumber(k, out var number) || number.Last + 1 >= _items.Count)
            {
                return false;
            }

            var unitItem = number.Last + 1;
            var unit = Entry(unitItem, EntryKind.Unit)?.Code;
            // After hours, "m"/"м" means minutes ("2ч30м"), not metres.
            if (unit is "min" or "m")
            {
                hours = number.Value / 60;
            }
            else if (unit is "h")
            {
                hours = number.Value;
            }
            else
            {
                return false;
            }

            end = unitItem;
            return true;
        }

        private static double ToHours(string unit, double value) => unit == "d" ? value * 24 : value;

        private static bool Plausible(string unit, double value) => unit switch
        {
            "km" or "mi" => value <= ReadingLimits.MaxQueueKm,
            "m" => value <= ReadingLimits.MaxQueueKm * 1000,
            "h" => value <= ReadingLimits.MaxWaitHours,
            "d" => value <= ReadingLimits.MaxWaitHours / 24,
            "min" => value <= ReadingLimits.MaxWaitHours * 60,
            _ => true,
        };

        /// <summary>Where the unit after a number is: skipping a dash ("14-km"), a "+" and adjectives before a vehicle noun.</summary>
        private int FindUnit(int k, bool article, out bool plus)
        {
            plus = false;
            var start = k;
            if (k < _items.Count && IsPunct(k, '+'))
            {
                plus = true;
                k++;
            }

            if (k < _items.Count && IsPunct(k, '-'))
            {
                k++;
            }

            if (k >= _items.Count)
            {
                return -1;
            }

            if (Entry(k, EntryKind.Unit) is not null || Entry(k, EntryKind.UnitQualifier) is not null)
            {
                return article && k != start ? -1 : k;
            }

            // "5 500 легковых автомобилей", "300 heavy trucks": up to two modifiers before a vehicle noun.
            var modifiers = 0;
            while (k < _items.Count && modifiers < 2 && Entry(k, EntryKind.VehicleModifier) is not null && Entry(k, EntryKind.Vehicle) is null)
            {
                k++;
                modifiers++;
            }

            if (k < _items.Count && Entry(k, EntryKind.Vehicle) is not null)
            {
                return article && k != start ? -1 : k;
            }

            return -1;
        }

        private bool JoinerFor(int k, LexEntry? opener, out bool isChange)
        {
            isChange = false;
            var openerText = opener?.Code ?? "";
            var phrase = _items[k].Phrase;
            if (phrase is null)
            {
                return false;
            }

            var range = false;
            var change = false;
            foreach (var entry in phrase.Entries)
            {
                if (entry.Kind == EntryKind.RangeJoiner && (entry.Code.Length == 0 || (opener?.Kind == EntryKind.RangeOpener && entry.Code == openerText)))
                {
                    range = true;
                }
                else if (entry.Kind == EntryKind.ChangeJoiner && opener is not null && entry.Code == openerText)
                {
                    change = true;
                }
            }

            if (change && (!range || _sentences[_items[k].Sentence].Change))
            {
                isChange = true;
                return true;
            }

            return range;
        }

        private string? QualifierBefore(int k) => k > 0 && Entry(k - 1, EntryKind.Qualifier) is { } q ? q.Code : null;

        private bool IsNumberAt(int k) => k >= 0 && (_items[k].Kind == TokenKind.Number || Entry(k, EntryKind.Number) is not null);

        /// <summary>A number at item <paramref name="k"/>: digits (with a grouped thousands part and a scale word) or number words.</summary>
        private bool TryNumber(int k, out NumberAt number)
        {
            number = default;
            if (k < 0 || k >= _items.Count)
            {
                return false;
            }

            var item = _items[k];
            double value;
            double? alternative = null;
            var last = k;
            var isArticle = false;

            if (item.Kind == TokenKind.Number)
            {
                if (!NumberText.TryParse(_text.Text(item.First), out value, out alternative))
                {
                    return false;
                }

                // "5 500 машин": a group of three digits after a space continues the number.
                var digits = _text.Text(item.First);
                if (last + 1 < _items.Count && _items[last + 1].Kind == TokenKind.Number && _items[last + 1].SpaceBefore
                    && digits.Length <= 3 && !digits.ContainsAny(',', '.') && !IsNumberAt(k - 1)
                    && _text.Text(_items[last + 1].First) is { Length: 3 } group && !group.ContainsAny(',', '.'))
                {
                    value = (value * 1000) + double.Parse(group, NumberStyles.None, CultureInfo.InvariantCulture);
                    alternative = null;
                    last++;
                }
            }
            else if (Entry(k, EntryKind.Number) is { } word)
            {
                isArticle = word.Code == "article";
                value = word.Value;
                if (!isArticle)
                {
                    value = NumberWords(k, word.Value, out last);
                }
            }
            else
            {
                return false;
            }

            var scale = 1.0;
            if (last + 1 < _items.Count && Entry(last + 1, EntryKind.Scale) is { } scaleEntry && item.Kind == TokenKind.Number)
            {
                scale = scaleEntry.Value;
                value *= scale;
                alternative *= scale;
                last++;
                if (last + 1 < _items.Count && IsPunct(last + 1, '.'))
                {
                    last++;
                }
            }

            number = new NumberAt(value, alternative, k, last, isArticle, scale);
            return true;
        }

        /// <summary>"twenty five", "one hundred and twenty", "семь тысяч", "half an hour".</summary>
        private double NumberWords(int k, double firstValue, out int last)
        {
            double total = 0;
            var current = firstValue;
            last = k;
            var i = k + 1;
            while (i < _items.Count)
            {
                if (Entry(i, EntryKind.Scale) is { } scale)
                {
                    current = (current == 0 ? 1 : current) * scale.Value;
                    if (scale.Value >= 1000)
                    {
                        total += current;
                        current = 0;
                    }

                    last = i++;
                    continue;
                }

                var j = i;
                if ((Entry(j, EntryKind.NumberJoiner) is not null || IsPunct(j, '-')) && j + 1 < _items.Count)
                {
                    j++;
                }

                if (Entry(j, EntryKind.Number) is { } next)
                {
                    if (next.Code == "article")
                    {
                        // "half an hour": the article after a fraction belongs to the unit.
                        if (current is > 0 and < 1 && j == i)
                        {
                            last = i++;
                            continue;
                        }

                        break;
                    }

                    var units = current % 1000;
                    if ((units % 100 == 0 && next.Value < 100) || (units % 10 == 0 && units % 100 != 0 && next.Value < 10) || (current == 0 && total > 0))
                    {
                        current += next.Value;
                        last = i = j;
                        i++;
                        continue;
                    }
                }

                break;
            }

            return total + current;
        }

        private bool IsPunct(int k, char c) => _items[k].Kind == TokenKind.Punct && _text.IsPunct(_items[k].First, c);

        private LexEntry? Entry(int k, EntryKind kind)
        {
            if (k < 0 || k >= _items.Count || _items[k].Phrase is not { } phrase)
            {
                return null;
            }

            foreach (var entry in phrase.Entries)
            {
                if (entry.Kind == kind)
                {
                    return entry;
                }
            }

            return null;
        }

        private bool CueNear(int from, int span, string cue, bool stopAtPunct = false)
        {
            var step = span < 0 ? -1 : 1;
            for (var i = 0; i < Math.Abs(span); i++)
            {
                var k = from + (i * step);
                if (k < 0 || k >= _items.Count || (stopAtPunct && _items[k].Kind == TokenKind.Punct))
                {
                    return false;
                }

                if (HasCue(k, cue))
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasCue(int k, string cue)
        {
            if (_items[k].Phrase is not { } phrase)
            {
                return false;
            }

            foreach (var entry in phrase.Entries)
            {
                if (entry.Kind == EntryKind.Cue && entry.Code == cue)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Distance in items from a quantity to the nearest cue of a kind within the window, same sentence.</summary>
        private int? NearestCue(Quantity quantity, string cue)
        {
            var window = _lexicon.Settings.CueWindow;
            int? best = null;
            for (var k = Math.Max(0, quantity.First - window); k <= Math.Min(_items.Count - 1, quantity.Last + window); k++)
            {
                if (_items[k].Sentence != quantity.Sentence || !HasCue(k, cue))
                {
                    continue;
                }

                var distance = k < quantity.First ? quantity.First - k : Math.Max(0, k - quantity.Last);
                if (best is null || distance < best)
                {
                    best = distance;
                }
            }

            return best;
        }

        // ---------------------------------------------------------------- readings

        private List<ExtractedReading> BuildReadings()
        {
            var assigned = new List<(Quantity Quantity, Resolution Crossing, Direction Direction)>();
            foreach (var quantity in _quantities)
            {
                var resolution = Resolve(quantity);
                if (resolution is null)
                {
                    continue;
                }

                assigned.Add((quantity, resolution, DirectionOf(quantity.Sentence, resolution.Crossing)));
            }

            var readings = new List<ExtractedReading>();
            foreach (var byCrossing in assigned.GroupBy(a => a.Crossing.Crossing.Slug, StringComparer.Ordinal))
            {
                var known = byCrossing.Select(a => a.Direction).Where(d => d != Direction.Unknown).Distinct().ToList();
                foreach (var group in byCrossing.GroupBy(a => a.Direction == Direction.Unknown && known.Count > 0 ? known[0] : a.Direction))
                {
                    readings.Add(MakeReading([.. group], group.Key));
                }
            }

            return readings;
        }

        private ExtractedReading MakeReading(List<(Quantity Quantity, Resolution Crossing, Direction Direction)> group, Direction direction)
        {
            var notes = new List<string>();
            var chosen = new List<(Quantity Quantity, Resolution Crossing)>();
            foreach (var byField in group.GroupBy(g => g.Quantity.Field, StringComparer.Ordinal))
            {
                var distinct = byField.Select(g => g.Quantity.Value).Distinct().Count();
                // The same figure repeated (a quote quoted twice) is one figure; different figures: the last is the latest.
                var pick = byField.OrderByDescending(g => Confidence(g.Quantity, g.Crossing)).ThenByDescending(g => g.Quantity.First).First();
                if (distinct > 1)
                {
                    pick.Quantity.Conflict = true;
                    notes.Add($"The report gives {distinct} different figures for {FieldWord(byField.Key)}; review which one is current.");
                }

                chosen.Add((pick.Quantity, pick.Crossing));
            }

            chosen.Sort((a, b) => a.Quantity.First.CompareTo(b.Quantity.First));
            var resolution = chosen.OrderBy(c => c.Crossing.Factor).First().Crossing;
            notes.InsertRange(0, resolution.Notes);
            var confidence = chosen.Min(c => Confidence(c.Quantity, c.Crossing));
            foreach (var (quantity, _) in chosen)
            {
                if (ContextFactor(quantity) < 0.7)
                {
                    notes.Add($"No queue, wait or border word near “{Slice(quantity.First, quantity.Last)}”.");
                }
            }

            var conflicting = chosen.Any(c => c.Quantity.Conflict);
            var status = confidence >= _lexicon.Settings.AcceptAt && !resolution.NeedsReview && !conflicting ? ReadingStatus.Accepted : ReadingStatus.Pending;
            var (evidence, evidenceStart, highlights) = Evidence(chosen.Select(c => c.Quantity).ToList(), resolution);
            return new ExtractedReading
            {
                Crossing = resolution.Crossing.Slug,
                QueueKm = Round(chosen.FirstOrDefault(c => c.Quantity.Field == "queueKm").Quantity?.Value, 3),
                Vehicles = Round(chosen.FirstOrDefault(c => c.Quantity.Field == "vehicles").Quantity?.Value, 0),
                WaitHours = Round(chosen.FirstOrDefault(c => c.Quantity.Field == "waitHours").Quantity?.Value, 2),
                Direction = direction,
                Confidence = Math.Round(confidence, 2),
                Status = status,
                Evidence = evidence,
                EvidenceStart = evidenceStart,
                Highlights = highlights,
                Quantities = [.. chosen.Select(c => new ExtractedQuantity(c.Quantity.Field, Round(c.Quantity.Value, 3)!.Value, Round(c.Quantity.Min, 3), Round(c.Quantity.Max, 3), c.Quantity.Qualifier, Slice(c.Quantity.First, c.Quantity.Last)))],
                Notes = [.. notes.Distinct(StringComparer.Ordinal)],
                Candidates = resolution.Candidates,
                Via = resolution.Via,
                MatchedName = resolution.Name,
            };
        }

        private static string FieldWord(string field) => field switch
        {
            "queueKm" => "the queue length",
            "vehicles" => "the number of vehicles",
            _ => "the waiting time",
        };

        private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

        private double Confidence(Quantity quantity, Resolution crossing)
        {
            var qualifier = quantity.Qualifier switch
            {
                null => 1.0,
                "about" => 0.97,
                _ => 0.93,
            };
            var range = quantity.Min is null ? 1.0 : 0.95;
            var conflict = quantity.Conflict ? 0.75 : 1.0;
            return BaseConfidence * crossing.Factor * ContextFactor(quantity) * qualifier * range * conflict;
        }

        /// <summary>How clearly the words around a figure say it is a queue or a wait.</summary>
        private double ContextFactor(Quantity quantity)
        {
            var cues = _sentences[quantity.Sentence];
            if (quantity.NoQueue || cues.Queue || (quantity.Field == "waitHours" && cues.Wait))
            {
                return 1.0;
            }

            if (quantity.Field == "vehicles")
            {
                return 0.95;
            }

            if (quantity.Field == "queueKm" && NextIsVehicleNoun(quantity.Last))
            {
                // "14 kilometres of cars", "14 كيلو مترا من السيارات".
                return 1.0;
            }

            if (cues.Wait || cues.Border || _mentions.Any(m => m.Sentence == quantity.Sentence))
            {
                return 0.8;
            }

            return 0.55;
        }

        /// <summary>Words in the figure's sentence that make it a queue: queue, wait or border words, or vehicles.</summary>
        private bool HasQueueContext(Quantity quantity)
        {
            var cues = _sentences[quantity.Sentence];
            return quantity.NoQueue || cues.Queue || cues.Wait || cues.Border || quantity.Field == "vehicles" || NextIsVehicleNoun(quantity.Last);
        }

        private bool NextIsVehicleNoun(int last)
        {
            for (var k = last + 1; k < Math.Min(_items.Count, last + 4); k++)
            {
                if (Entry(k, EntryKind.Vehicle) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Which crossing a figure belongs to: the nearest name, else the only crossing of a country pair.</summary>
        private Resolution? Resolve(Quantity quantity)
        {
            Mention? best = null;
            double bestCost = double.MaxValue;
            foreach (var mention in _mentions)
            {
                var sentenceDistance = Math.Abs(mention.Sentence - quantity.Sentence);
                if (sentenceDistance > MaxSentenceDistance)
                {
                    continue;
                }

                var before = mention.Item < quantity.First;
                var itemDistance = before ? quantity.First - mention.Item : mention.Item - quantity.Last;
                // Names usually come first ("Vaalimaa: 2 km"), so a name after the figure costs a little more.
                var cost = (sentenceDistance * 1000) + itemDistance + (before ? 0 : 0.5) + (mention.Sentence > quantity.Sentence ? 500 : 0);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = mention;
                }
            }

            if (best is { } found)
            {
                return ResolveMention(found, quantity);
            }

            return ResolveCountryPair(quantity);
        }

        private Resolution? ResolveMention(Mention mention, Quantity quantity)
        {
            if (!_lexicon.Gazetteer.TryGet(mention.Slug, out var crossing))
            {
                return null;
            }

            var notes = new List<string>();
            var factor = 1.0;
            var needsReview = false;
            var plainElsewhere = _mentions.Any(m => m.Slug == mention.Slug && m.Level == AliasLevel.Plain);
            var sameItemSlugs = _mentions.Where(m => m.Item == mention.Item).Select(m => m.Slug).Distinct().ToList();
            if (sameItemSlugs.Count > 1)
            {
                notes.Add($"“{mention.Text}” names {sameItemSlugs.Count} crossings.");
                factor *= 0.4;
                needsReview = true;
            }

            if (mention.Level != AliasLevel.Plain && !plainElsewhere)
            {
                // A name that also means a town, a person or a river counts only with words about a queue nearby;
                // without them the figure is about something else ("Ларс фон Триер… 3 часа", "Kazbegi is 150 km…").
                // Weak names (tourist towns, common first names) need queue or border words; the others any queue context.
                var cues = _sentences[mention.Sentence];
                var quantityCues = _sentences[quantity.Sentence];
                var queueOrBorder = cues.Queue || cues.Border || quantityCues.Queue || quantityCues.Border;
                if (mention.Level == AliasLevel.Weak ? !queueOrBorder : !(queueOrBorder || cues.Wait || HasQueueContext(quantity)))
                {
                    return null;
                }

                if (mention.Level == AliasLevel.Weak)
                {
                    notes.Add(mention.Note ?? $"“{mention.Text}” may not mean the crossing.");
                    factor *= 0.5;
                    needsReview = true;
                }
                else
                {
                    factor *= 0.95;
                }
            }

            if (mention.Sentence != quantity.Sentence)
            {
                factor *= 0.95;
            }

            var candidates = sameItemSlugs.Count > 1 ? sameItemSlugs.Where(s => s != mention.Slug).ToList() : [];
            return new Resolution(crossing, factor, needsReview, notes, candidates, "name", mention.Text, mention.Item);
        }

        private Resolution? ResolveCountryPair(Quantity quantity)
        {
            // Countries in the figure's sentence first, then in the whole report.
            var codes = _countries.Where(c => c.Sentence == quantity.Sentence).Select(c => c.Code).Distinct(StringComparer.Ordinal).ToList();
            if (codes.Count < 2)
            {
                codes = [.. _countries.Select(c => c.Code).Distinct(StringComparer.Ordinal)];
            }

            if (codes.Count < 2 || ContextFactor(quantity) < 0.7)
            {
                return null;
            }

            var crossings = new List<Crossing>();
            for (var a = 0; a < codes.Count; a++)
            {
                for (var b = a + 1; b < codes.Count; b++)
                {
                    if (_lexicon.CrossingsByPair.TryGetValue(ReportLexicon.PairKey(codes[a], codes[b]), out var pair))
                    {
                        crossings.AddRange(pair);
                    }
                }
            }

            crossings = [.. crossings.Distinct()];
            if (crossings.Count == 0)
            {
                return null;
            }

            var pairName = string.Join("–", crossings[0].Countries);
            if (crossings.Count == 1)
            {
                return new Resolution(crossings[0], 0.85, false, [$"Crossing inferred from the country pair {pairName}: it is the only road crossing."], [], "country-pair", null, -1);
            }

            return new Resolution(
                crossings[0],
                0.4,
                true,
                [$"The report names the countries {pairName} but not the crossing; {crossings.Count} crossings are possible."],
                [.. crossings.Skip(1).Select(c => c.Slug)],
                "country-pair",
                null,
                -1);
        }

        /// <summary>Direction from "to Georgia", "из России", "leaving Finland" in the sentence.</summary>
        private Direction DirectionOf(int sentence, Crossing crossing)
        {
            var outbound = 0;
            var inbound = 0;
            foreach (var country in _countries)
            {
                if (country.Sentence != sentence)
                {
                    continue;
                }

                var marker = Entry(country.Item, EntryKind.CountryCaseTo) is not null ? EntryKind.DirectionTo
                    : Entry(country.Item, EntryKind.CountryCaseFrom) is not null ? EntryKind.DirectionFrom
                    : MarkerBefore(country.Item, country.IsCaseForm);
                if (marker is null)
                {
                    continue;
                }

                var towards = marker == EntryKind.DirectionTo || marker == EntryKind.DirectionToCase;
                if (country.Code == crossing.Countries[1])
                {
                    if (towards)
                    {
                        outbound++;
                    }
                    else
                    {
                        inbound++;
                    }
                }
                else if (country.Code == crossing.Countries[0])
                {
                    if (towards)
                    {
                        inbound++;
                    }
                    else
                    {
                        outbound++;
                    }
                }
            }

            return outbound > 0 && inbound == 0 ? Direction.Outbound
                : inbound > 0 && outbound == 0 ? Direction.Inbound
                : Direction.Unknown;
        }

        private EntryKind? MarkerBefore(int item, bool caseForm)
        {
            for (var k = item - 1; k >= Math.Max(0, item - 2); k--)
            {
                if (Entry(k, EntryKind.DirectionToCase) is not null && caseForm && k == item - 1)
                {
                    return EntryKind.DirectionToCase;
                }

                if (Entry(k, EntryKind.DirectionTo) is not null)
                {
                    return EntryKind.DirectionTo;
                }

                if (Entry(k, EntryKind.DirectionFrom) is not null)
                {
                    return EntryKind.DirectionFrom;
                }
            }

            return null;
        }

        private (string Text, int Start, IReadOnlyList<EvidenceSpan> Highlights) Evidence(List<Quantity> quantities, Resolution resolution)
        {
            var sentences = quantities.Select(q => q.Sentence).ToList();
            if (resolution.MentionItem >= 0 && Math.Abs(_items[resolution.MentionItem].Sentence - sentences.Min()) <= 1)
            {
                sentences.Add(_items[resolution.MentionItem].Sentence);
            }

            var (start, end) = SentenceSpan(sentences.Min(), sentences.Max());
            if (end - start > MaxEvidenceLength)
            {
                (start, end) = SentenceSpan(quantities[0].Sentence, quantities[0].Sentence);
                if (end - start > MaxEvidenceLength)
                {
                    var (qs, qe) = OriginalSpan(quantities[0].First, quantities[0].Last);
                    start = Math.Max(start, qs - (MaxEvidenceLength / 2));
                    end = Math.Min(end, Math.Max(qe, start + MaxEvidenceLength));
                }
            }

            var highlights = new List<EvidenceSpan>();
            void Highlight(int first, int last, string kind)
            {
                var (s, e) = OriginalSpan(first, last);
                if (s >= start && e <= end)
                {
                    highlights.Add(new EvidenceSpan(s - start, e - s, kind));
                }
            }

            if (resolution.MentionItem >= 0)
            {
                Highlight(resolution.MentionItem, resolution.MentionItem, "crossing");
            }

            foreach (var quantity in quantities)
            {
                Highlight(quantity.First, quantity.Last, "quantity");
            }

            foreach (var country in _countries)
            {
                if (resolution.Via == "country-pair" || resolution.Crossing.Countries.Contains(country.Code))
                {
                    Highlight(country.Item, country.Item, "country");
                }
            }

            highlights.Sort((a, b) => a.Start.CompareTo(b.Start));
            var merged = new List<EvidenceSpan>();
            foreach (var span in highlights)
            {
                if (merged.Count > 0 && span.Start < merged[^1].Start + merged[^1].Length)
                {
                    continue;
                }

                merged.Add(span);
            }

            return (_text.Original[start..end].Trim(), start + (_text.Original[start..end].Length - _text.Original[start..end].TrimStart().Length), Reanchor(merged, _text.Original[start..end]));
        }

        /// <summary>Highlights were measured from the untrimmed span; shift them by the leading whitespace trimmed.</summary>
        private static List<EvidenceSpan> Reanchor(List<EvidenceSpan> spans, string untrimmed)
        {
            var shift = untrimmed.Length - untrimmed.TrimStart().Length;
            return shift == 0 ? spans : [.. spans.Select(s => s with { Start = s.Start - shift })];
        }

        private (int Start, int End) SentenceSpan(int firstSentence, int lastSentence)
        {
            var start = -1;
            var end = -1;
            for (var i = 0; i < _text.Count; i++)
            {
                var token = _text[i];
                if (token.Sentence < firstSentence)
                {
                    continue;
                }

                if (token.Sentence > lastSentence)
                {
                    break;
                }

                if (start < 0)
                {
                    start = token.OriginalStart;
                }

                end = token.OriginalEnd;
            }

            return (start, end);
        }

        private (int Start, int End) OriginalSpan(int firstItem, int lastItem) =>
            _text.OriginalSpan(_items[firstItem].First, _items[lastItem].Last);

        private string Slice(int firstItem, int lastItem)
        {
            var (start, end) = OriginalSpan(firstItem, lastItem);
            return _text.Original[start..end];
        }
    }

    private readonly record struct Item(int First, int Last, Phrase? Phrase, TokenKind Kind, int Sentence, bool SpaceBefore);

    private readonly record struct NumberAt(double Value, double? Alternative, int First, int Last, bool IsArticle, double Scale);

    private sealed record Mention(int Item, string Slug, AliasLevel Level, string? Note, string Text, int Sentence);

    private sealed record CountryMention(int Item, string Code, bool IsCaseForm, int Sentence);

    private sealed record Resolution(Crossing Crossing, double Factor, bool NeedsReview, IReadOnlyList<string> Notes, IReadOnlyList<string> Candidates, string Via, string? Name, int MentionItem);

    private sealed class Quantity
    {
        public required string Field { get; init; }
        public required double Value { get; init; }
        public double? Min { get; init; }
        public double? Max { get; init; }
        public string? Qualifier { get; init; }
        public required int First { get; init; }
        public required int Last { get; init; }
        public required int UnitItem { get; init; }
        public required int Sentence { get; init; }
        public bool Conflict { get; set; }
        public bool NoQueue { get; init; }
    }

    private struct SentenceCues
    {
        public bool Queue;
        public bool Wait;
        public bool Border;
        public bool Change;
    }
}
