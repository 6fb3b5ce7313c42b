using BorderWatch.Core.Crossings;

namespace BorderWatch.Core.Tests.Crossings;

public class GazetteerTests
{
    /// <summary>The slugs DESIGN.md promises to other tools.</summary>
    public static readonly IReadOnlyList<string> RequiredSlugList =
    [
        "vaalimaa", "nuijamaa", "imatra", "niirala", "vartius", "salla", "raja-jooseppi", "storskog", "narva", "koidula",
        "luhamaa", "terehova", "grebneva", "upper-lars", "kyakhta", "tashanta", "sagarchin", "medyka", "dorohusk",
        "hrebenne", "korczowa", "san-ysidro", "woodlands", "tuas",
    ];

    public static readonly TheoryData<string> RequiredSlugs = new(RequiredSlugList);

    private static readonly Gazetteer Gazetteer = Gazetteer.Default;

    [Theory]
    [MemberData(nameof(RequiredSlugs))]
    public void Default_RequiredSlug_IsPresentWithTwoCountriesAndATimeZone(string slug)
    {
        Assert.True(Gazetteer.TryGet(slug, out var crossing), $"'{slug}' is missing from the gazetteer");
        Assert.Equal(2, crossing.Countries.Count);
        Assert.NotEmpty(crossing.Aliases);
        Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(crossing.TimeZone));
    }

    [Fact]
    public void Default_Crossings_AtLeastFortyCoveringEveryRequiredBorder()
    {
        Assert.True(Gazetteer.Crossings.Count >= 40, $"only {Gazetteer.Crossings.Count} crossings");
        string[][] borders = [["RU", "FI"], ["RU", "NO"], ["RU", "EE"], ["RU", "LV"], ["RU", "GE"], ["RU", "KZ"], ["RU", "MN"], ["PL", "UA"], ["US", "MX"], ["SG", "MY"]];
        foreach (var border in borders)
        {
            Assert.Contains(Gazetteer.Crossings, c => border.All(c.Countries.Contains));
        }
    }

    [Fact]
    public void Default_EveryCrossing_HasValidSlugCountriesAndCoordinates()
    {
        foreach (var crossing in Gazetteer.Crossings)
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", crossing.Slug);
            Assert.All(crossing.Countries, c => Assert.Matches("^[A-Z]{2}$", c));
            Assert.NotEqual(crossing.Countries[0], crossing.Countries[1]);
            Assert.InRange(crossing.Latitude, -90, 90);
            Assert.InRange(crossing.Longitude, -180, 180);
            Assert.True(crossing.ProcessingRatePerHour > 0, crossing.Slug);
            Assert.True(crossing.VehicleSpacingM is > 3 and < 25, crossing.Slug);
        }
    }

    /// <summary>Rough boxes around each border: a point outside is a typo (swapped lat/lon, a wrong sign).</summary>
    [Theory]
    [InlineData("FI", "RU", 59.5, 70.5, 26.5, 31.5)]
    [InlineData("EE", "RU", 57.0, 59.7, 27.0, 28.5)]
    [InlineData("LV", "RU", 55.5, 57.8, 27.3, 28.5)]
    [InlineData("RU", "GE", 42.5, 43.0, 44.3, 44.9)]
    [InlineData("RU", "MN", 49.0, 52.5, 87.0, 117.0)]
    [InlineData("PL", "UA", 49.0, 51.7, 22.5, 24.2)]
    [InlineData("US", "MX", 25.5, 33.0, -117.2, -97.0)]
    [InlineData("SG", "MY", 1.2, 1.5, 103.5, 104.1)]
    public void Default_CrossingsOnABorder_LieNearThatBorder(string a, string b, double minLat, double maxLat, double minLon, double maxLon)
    {
        var onBorder = Gazetteer.Crossings.Where(c => c.Countries.Contains(a) && c.Countries.Contains(b)).ToList();
        Assert.NotEmpty(onBorder);
        Assert.All(onBorder, c =>
        {
            Assert.InRange(c.Latitude, minLat, maxLat);
            Assert.InRange(c.Longitude, minLon, maxLon);
        });
    }

    [Fact]
    public void Default_Aliases_AreUnambiguousAcrossCrossings()
    {
        var owners = Gazetteer.Crossings
            .SelectMany(c => c.Aliases.Select(a => (Alias: a.Text.ToLowerInvariant(), c.Slug)))
            .GroupBy(x => x.Alias)
            .Where(g => g.Select(x => x.Slug).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Slug).Distinct())}")
            .ToList();
        Assert.Empty(owners);
    }

    [Theory]
    [InlineData("upper-lars", "Верхний Ларс")]
    [InlineData("upper-lars", "ზემო ლარსი")]
    [InlineData("upper-lars", "لارس العليا")]
    [InlineData("vaalimaa", "Торфяновка")]
    [InlineData("kyakhta", "Алтанбулаг")]
    [InlineData("medyka", "Шегині")]
    [InlineData("sagarchin", "Жайсаң")]
    public void Default_LocalNames_AreAliasesInTheirScript(string slug, string alias)
    {
        var crossing = Gazetteer.Find(slug)!;
        Assert.Contains(crossing.Aliases, a => a.Text == alias);
    }

    [Fact]
    public void Parse_DuplicateSlug_Throws()
    {
        const string json = """
            {"version":1,"crossings":[
              {"slug":"a","name":"A","countries":["FI","RU"],"lat":60,"lon":27,"timeZone":"UTC"},
              {"slug":"a","name":"A again","countries":["FI","RU"],"lat":60,"lon":27,"timeZone":"UTC"}]}
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<InvalidDataException>(() => Gazetteer.Parse(stream));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRateAndSpacing_UsesDocumentDefaults()
    {
        const string json = """
            {"version":1,"defaults":{"processingRatePerHour":42,"vehicleSpacingM":8},"crossings":[
              {"slug":"a","name":"A","countries":["FI","RU"],"lat":60,"lon":27,"timeZone":"UTC"}]}
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var crossing = Gazetteer.Parse(stream).Find("a")!;
        Assert.Equal(42, crossing.ProcessingRatePerHour);
        Assert.True(crossing.ProcessingRateIsDefault);
        Assert.Equal(8, crossing.VehicleSpacingM);
    }
}
