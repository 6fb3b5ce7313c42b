namespace BorderWatch.Core.Summaries;

/// <summary>Where the numbers of an export come from: the rules, the filter, the readings and sources counted.</summary>
public sealed record SummaryProvenance
{
    public string Methodology { get; init; } = SummaryMethodology.Name;
    public required DateTimeOffset GeneratedAt { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }

    /// <summary>The crossing filter, or null for every crossing.</summary>
    public string? Crossing { get; init; }

    public required SummaryTotals Totals { get; init; }

    /// <summary>Sources with their reading counts, most readings first. Crowd and untyped sources are counted, not named.</summary>
    public required IReadOnlyList<ProvenanceSource> Sources { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = SummaryMethodology.Rules;

    /// <summary>Builds the source list from raw per-source counts, withholding names that may be people's.</summary>
    public static IReadOnlyList<ProvenanceSource> ListSources(IEnumerable<SourceReadings> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var named = new List<ProvenanceSource>();
        var withheld = new Dictionary<string, (int Sources, int Readings)>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            if (count.Name is null && count.Url is null)
            {
                Add(withheld, "unnamed", 0, count.Readings);
            }
            else if (count.Type is null || !PublicSourceTypes.Contains(count.Type))
            {
                // A crowd source is often a person (a channel, a username): count it, never name it in a bulk export.
                Add(withheld, count.Type ?? "untyped", 1, count.Readings);
            }
            else
            {
                named.Add(new ProvenanceSource(count.Name, count.Type, count.Url, 1, count.Readings));
            }
        }

        return
        [
            .. named.OrderByDescending(s => s.Readings).ThenBy(s => s.Name, StringComparer.Ordinal),
            .. withheld.OrderByDescending(w => w.Value.Readings).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => new ProvenanceSource(null, w.Key, null, w.Value.Sources, w.Value.Readings)),
        ];
    }

    /// <summary>Source types that are organisations or machines, whose names may be published.</summary>
    public static IReadOnlySet<string> PublicSourceTypes { get; } = new HashSet<string>(["official", "camera", "media", "agent", "demo"], StringComparer.Ordinal);

    private static void Add(Dictionary<string, (int Sources, int Readings)> withheld, string key, int sources, int readings)
    {
        var (s, r) = withheld.GetValueOrDefault(key);
        withheld[key] = (s + sources, r + readings);
    }
}

/// <summary>Sums over the rows of an export.</summary>
public sealed record SummaryTotals(
    int Rows, int Crossings, int Readings, int ImageReadings, int ReportReadings, int ManualReadings, int FeedReadings,
    int AgentReadings, int DemoReadings);

/// <summary>One source, or (when <see cref="Name"/> is null) a group of sources counted without their names.</summary>
/// <param name="Name">The source's name; null for a group counted without names.</param>
/// <param name="Type">Source type (official, camera, media, crowd, agent, demo), or "untyped" / "unnamed" for groups.</param>
/// <param name="Url">Link to the source, when it has one.</param>
/// <param name="Sources">How many sources the entry stands for (0 for readings without any source).</param>
/// <param name="Readings">Accepted readings counted in the export's rows.</param>
public sealed record ProvenanceSource(string? Name, string? Type, string? Url, int Sources, int Readings);

/// <summary>Accepted readings of one source in an export's rows.</summary>
public sealed record SourceReadings(string? Name, string? Type, string? Url, int Readings);
