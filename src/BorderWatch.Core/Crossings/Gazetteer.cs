using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BorderWatch.Core.Crossings;

/// <summary>The built-in list of border crossings, loaded from the embedded <c>crossings.json</c>.</summary>
public sealed class Gazetteer
{
    private const string ResourceName = "BorderWatch.Core.Gazetteer.crossings.json";
    private static readonly Lazy<Gazetteer> BuiltIn = new(LoadBuiltIn);

    private readonly FrozenDictionary<string, Crossing> _bySlug;

    public Gazetteer(IEnumerable<Crossing> crossings, CrossingDefaults defaults)
    {
        Crossings = [.. crossings.OrderBy(c => c.Slug, StringComparer.Ordinal)];
        Defaults = defaults;
        _bySlug = Crossings.ToFrozenDictionary(c => c.Slug, StringComparer.Ordinal);
    }

    /// <summary>The gazetteer shipped with BorderWatch.</summary>
    public static Gazetteer Default => BuiltIn.Value;

    public IReadOnlyList<Crossing> Crossings { get; }
    public CrossingDefaults Defaults { get; }

    public bool TryGet(string slug, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Crossing? crossing) =>
        _bySlug.TryGetValue(slug, out crossing);

    public Crossing? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    public bool Contains(string slug) => _bySlug.ContainsKey(slug);

    /// <summary>Parses a gazetteer document (the <c>crossings.json</c> format described in docs/gazetteer.md).</summary>
    public static Gazetteer Parse(Stream json)
    {
        var document = JsonSerializer.Deserialize(json, GazetteerJsonContext.Default.GazetteerDocument)
            ?? throw new InvalidDataException("The gazetteer document is empty.");
        var defaults = new CrossingDefaults(
            document.Defaults?.ProcessingRatePerHour ?? new CrossingDefaults().ProcessingRatePerHour,
            document.Defaults?.VehicleSpacingM ?? new CrossingDefaults().VehicleSpacingM);
        var crossings = document.Crossings.Select(c => c.ToCrossing(defaults)).ToList();
        var duplicate = crossings.GroupBy(c => c.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The gazetteer lists the slug '{duplicate.Key}' twice.");
        }

        return new Gazetteer(crossings, defaults);
    }

    private static Gazetteer LoadBuiltIn()
    {
        using var stream = typeof(Gazetteer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded gazetteer '{ResourceName}' is missing from the build.");
        return Parse(stream);
    }
}

internal sealed class GazetteerDocument
{
    public int Version { get; set; }
    public DefaultsDocument? Defaults { get; set; }
    public List<CrossingDocument> Crossings { get; set; } = [];

    internal sealed class DefaultsDocument
    {
        public double? ProcessingRatePerHour { get; set; }
        public double? VehicleSpacingM { get; set; }
    }

    internal sealed class CrossingDocument
    {
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public List<string> Countries { get; set; } = [];
        public double Lat { get; set; }
        public double Lon { get; set; }
        public string? CoordinateCheck { get; set; }
        public string TimeZone { get; set; } = "UTC";
        public string? Region { get; set; }
        public List<CrossingSide> Sides { get; set; } = [];
        public double? ProcessingRatePerHour { get; set; }
        public string? ProcessingRateSource { get; set; }
        public double? VehicleSpacingM { get; set; }
        public List<CrossingAlias> Aliases { get; set; } = [];

        public Crossing ToCrossing(CrossingDefaults defaults)
        {
            if (Countries.Count != 2)
            {
                throw new InvalidDataException($"Crossing '{Slug}' must name exactly two countries.");
            }

            return new Crossing
            {
                Slug = Slug,
                Name = Name,
                Countries = Countries,
                Latitude = Lat,
                Longitude = Lon,
                TimeZone = TimeZone,
                Region = Region ?? "",
                Sides = Sides,
                Aliases = Aliases,
                ProcessingRatePerHour = ProcessingRatePerHour ?? defaults.ProcessingRatePerHour,
                ProcessingRateIsDefault = ProcessingRatePerHour is null,
                VehicleSpacingM = VehicleSpacingM ?? defaults.VehicleSpacingM,
                CoordinateVerified = !string.Equals(CoordinateCheck, "unverified", StringComparison.OrdinalIgnoreCase),
            };
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(GazetteerDocument))]
internal sealed partial class GazetteerJsonContext : JsonSerializerContext;
