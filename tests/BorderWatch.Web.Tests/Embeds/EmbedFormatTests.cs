using System.Xml.Linq;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Web.Embeds;

namespace BorderWatch.Web.Tests.Embeds;

public sealed class EmbedFormatTests
{
    private static readonly EmbedFormat English = new(EmbedText.English, EmbedUnits.Metric);

    [Theory]
    [InlineData(0.45, "450 m")]
    [InlineData(3.24, "3.2 km")]
    [InlineData(14.0, "14 km")]
    [InlineData(null, "–")]
    public void Length_Metric_MetresThenKilometres(double? km, string expected) => Assert.Equal(expected, English.Length(km));

    [Fact]
    public void Length_Imperial_Miles() => Assert.Equal("12 mi", new EmbedFormat(EmbedText.English, EmbedUnits.Imperial).Length(20));

    [Theory]
    [InlineData(0.5, "30 min")]
    [InlineData(2.25, "2.3 h")]
    [InlineData(48, "48 h")]
    public void Hours_ByMagnitude(double hours, string expected) => Assert.Equal(expected, English.Hours(hours));

    [Fact]
    public void Russian_UsesItsSeparatorsAndUnits()
    {
        var russian = new EmbedFormat(EmbedText.All["ru"], EmbedUnits.Metric);

        Assert.Equal("3,2 км", russian.Length(3.24));
        Assert.Equal("3\u00a0500", russian.Vehicles(3500));
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData(0.5, "low")]
    [InlineData(3.0, "moderate")]
    [InlineData(12.0, "high")]
    [InlineData(48.0, "extreme")]
    public void Severity_ByWaitingHours(double? hours, string expected) => Assert.Equal(expected, EmbedFormat.Severity(hours));

    [Fact]
    public void Badge_NameWithMarkup_StaysWellFormedXml()
    {
        var crossing = Gazetteer.Default.Find("narva")! with { Name = "Narva <&> \"Ivangorod\" – x" };
        var estimate = new CrossingEstimate { Crossing = "narva", ComputedAt = DateTimeOffset.UtcNow, AsOf = DateTimeOffset.UtcNow, WaitHours = 0.5 };

        var svg = Badge.For(crossing, estimate, BadgeMetric.Wait, EmbedText.English, English).ToSvg();
        var document = XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg));

        Assert.Equal("Narva <&> \"Ivangorod\": wait 30 min", document.Root!.Elements().First().Value);
        Assert.Equal(Badge.ColorOf("low"), document.Root.Elements().ElementAt(2).Attribute("fill")!.Value);
    }

    [Fact]
    public void Badge_StaleEstimate_IsGreyAndSaysSo()
    {
        var estimate = new CrossingEstimate { Crossing = "narva", ComputedAt = DateTimeOffset.UtcNow, AsOf = DateTimeOffset.UtcNow.AddDays(-1), WaitHours = 30, IsStale = true };

        var badge = Badge.For(Gazetteer.Default.Find("narva")!, estimate, BadgeMetric.Wait, EmbedText.English, English);

        Assert.Equal(("Narva", "wait 30 h · out of date", Badge.ColorOf("unknown")), (badge.Label, badge.Value, badge.Color));
    }

    [Fact]
    public void Spark_OneDay_SpansTheBoxLeftToRightFromZero()
    {
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long[][] spark = [[end - 86_400_000, 0], [end - 43_200_000, 50], [end, 100]];

        Assert.Equal("0,27 60,14 120,1", EmbedSpark.Points(spark, 120, 28));
        Assert.Equal(("120", "1"), EmbedSpark.LastPoint(spark, 120, 28));
        Assert.Equal("", EmbedSpark.Points([], 120, 28));
    }
}
