using BorderWatch.Web.Embeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace BorderWatch.Web.Tests.Embeds;

public sealed class EmbedQueryTests
{
    [Fact]
    public void Parse_Nothing_Defaults()
    {
        var errors = new Dictionary<string, string[]>();

        var options = EmbedQuery.Parse(Query(""), errors);

        Assert.Empty(errors);
        Assert.Equal(EmbedQuery.Default, options);
        Assert.Equal("", options.ToQuery());
    }

    [Fact]
    public void Parse_EveryOption_RoundTripsThroughToQuery()
    {
        var errors = new Dictionary<string, string[]>();

        var options = EmbedQuery.Parse(Query("?theme=dark&lang=ar-EG&units=imperial&layout=compact&height=150"), errors);

        Assert.Empty(errors);
        Assert.Equal((EmbedTheme.Dark, "ar", EmbedUnits.Imperial, EmbedLayout.Compact, 150), (options.Theme, options.Text.Lang, options.Units, options.Layout, options.Height));
        Assert.True(options.Text.RightToLeft);
        Assert.Equal("?theme=dark&lang=ar&units=imperial&layout=compact&height=150", options.ToQuery());
    }

    [Fact]
    public void Parse_SeveralBadFields_ReportsEachOne()
    {
        var errors = new Dictionary<string, string[]>();

        EmbedQuery.Parse(Query("?theme=Dark&lang=klingon&units=parsecs&layout=tiny&height=99999"), errors);

        Assert.Equal(["height", "lang", "layout", "theme", "units"], errors.Keys.Order());
        Assert.Contains("ar, en, fi, ka, ru, uk", errors["lang"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "upper-lars", "Upper Lars – Dariali (Kazbegi)")]
    [InlineData("ru", "upper-lars", "Верхний Ларс")]
    [InlineData("ka", "upper-lars", "ზემო ლარსი")]
    [InlineData("ar", "upper-lars", "لارس العليا")]
    [InlineData("ar", "narva", "Narva – Ivangorod")]
    public void NameOf_Language_UsesItsAliasOrTheGazetteerName(string lang, string slug, string expected)
    {
        Assert.Equal(expected, EmbedText.All[lang].NameOf(Core.Crossings.Gazetteer.Default.Find(slug)!));
    }

    [Fact]
    public void Texts_EveryLanguage_HasEveryTemplatePlaceholder()
    {
        foreach (var text in EmbedText.All.Values)
        {
            foreach (var template in new[] { text.Updated, text.Confidence, text.Source, text.Km, text.M, text.Mi, text.Hours, text.Minutes })
            {
                Assert.Contains("{0}", template, StringComparison.Ordinal);
            }
        }
    }

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}
