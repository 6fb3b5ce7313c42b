using BorderWatch.Core.Readings;
using BorderWatch.Core.Reports;

namespace BorderWatch.Core.Tests.Reports;

public sealed class ReportExtractorTests
{
    private static readonly ReportExtractor Extractor = ReportExtractor.Default;

    private static ExtractedReading Single(string text) => Assert.Single(Extractor.Extract(text).Readings);

    [Theory]
    [InlineData("Finally, Russians are moving to the border with Georgia where the tail queue of cars reached 14 kilometers.")]
    [InlineData("الهروب الكبير من روسيا ..14 كيلو مترا من السيارات على حدود روسيا مع جورجيا")]
    public void Extract_IssueExamples_UpperLars14Km(string text)
    {
        var reading = Single(text);

        Assert.Equal("upper-lars", reading.Crossing);
        Assert.Equal(14, reading.QueueKm);
        Assert.Equal(ReadingStatus.Accepted, reading.Status);
        Assert.Equal("country-pair", reading.Via);
    }

    [Theory]
    [InlineData("Germany is ready to grant asylum to Russians fleeing mobilisation.")]
    [InlineData("300,000 troops to be called up, Shoigu says.")]
    [InlineData("Dmitri flew to Armenia; the flight took 3 hours.")]
    [InlineData("")]
    [InlineData("   ")]
    public void Extract_NumbersThatAreNotQueues_NoReading(string text) =>
        Assert.Empty(Extractor.Extract(text).Readings);

    [Theory]
    [InlineData("Очередь на Верхнем Ларсе 5500 машин", 5500)]
    [InlineData("На Верхнем Ларсе 7 тыс. машин", 7000)]
    [InlineData("Upper Lars: 5,500 cars in the queue", 5500)]
    [InlineData("Upper Lars: 5.500 cars in the queue", 5500)]
    [InlineData("Очередь на Верхнем Ларсе 5 500 машин", 5500)]
    [InlineData("Upper Lars queue: 7k cars", 7000)]
    [InlineData("Очередь на Верхнем Ларсе семь тысяч машин", 7000)]
    public void Extract_VehicleCounts_ReadThousandsSeparatorsAndScales(string text, double vehicles) =>
        Assert.Equal(vehicles, Single(text).Vehicles);

    [Theory]
    [InlineData("Vaalimaan raja-asemalla jonoa 1,5 km", 1.5)]
    [InlineData("Queue at Vaalimaa ~400 m", 0.4)]
    [InlineData("Queue at Vaalimaa is 1,500 km long", 1.5)]
    [InlineData("Queue at Vaalimaa nearly twenty kilometres", 20)]
    [InlineData("Queue at Vaalimaa: 2 miles", 3.219)]
    [InlineData("١٤ كم طابور عند معبر لارس العليا", 14)]
    public void Extract_QueueLengths_ConvertToKilometres(string text, double km) =>
        Assert.Equal(km, Single(text).QueueKm!.Value, 3);

    [Theory]
    [InlineData("Upper Lars: people wait 5-6 hours", 5.5)]
    [InlineData("Upper Lars: the wait is between 24 and 36 hours", 30)]
    [InlineData("San Ysidro wait 2 hrs 30 min", 2.5)]
    [InlineData("Очередь на Верхнем Ларсе, ждут двое суток", 48)]
    [InlineData("Очередь на Верхнем Ларсе, ждут сутки", 24)]
    [InlineData("Очередь на Верхнем Ларсе, ждём 2ч30м", 2.5)]
    [InlineData("Upper Lars queue, waiting half an hour", 0.5)]
    [InlineData("Upper Lars: 90 minutes wait", 1.5)]
    public void Extract_WaitingTimes_ConvertToHours(string text, double hours) =>
        Assert.Equal(hours, Single(text).WaitHours!.Value, 3);

    [Fact]
    public void Extract_Range_UsesTheMidpointAndKeepsTheRange()
    {
        var quantity = Assert.Single(Single("Upper Lars: the wait is between 24 and 36 hours").Quantities);

        Assert.Equal(30, quantity.Value);
        Assert.Equal(24, quantity.Min);
        Assert.Equal(36, quantity.Max);
        Assert.Equal("between 24 and 36 hours", quantity.Text);
    }

    [Theory]
    [InlineData("Queue at Upper Lars up to 5 km", "upTo")]
    [InlineData("Queue at Upper Lars about 5 km", "about")]
    [InlineData("Queue at Upper Lars more than 5 km", "moreThan")]
    [InlineData("Queue at Upper Lars 5+ km", "moreThan")]
    [InlineData("Очередь на Верхнем Ларсе более 5 км", "moreThan")]
    [InlineData("Очередь на Верхнем Ларсе до 5 км", "upTo")]
    [InlineData("Очередь на Верхнем Ларсе километров пять", "about")]
    public void Extract_Qualifiers_KeepTheStatedValueAndSayHowItWasQualified(string text, string qualifier)
    {
        var reading = Single(text);

        Assert.Equal(5, reading.QueueKm);
        Assert.Equal(qualifier, Assert.Single(reading.Quantities).Qualifier);
    }

    [Theory]
    [InlineData("Очередь на Верхнем Ларсе 3 км", "upper-lars")]
    [InlineData("Jonoa Vaalimaalla 3 km", "vaalimaa")]
    [InlineData("Kolejka w Dorohusku 3 km", "dorohusk")]
    [InlineData("Черга на Ягодині 3 км", "dorohusk")]
    [InlineData("ზემო ლარსზე რიგი 3 კმ", "upper-lars")]
    [InlineData("Koidulas on järjekord 3 km", "koidula")]
    [InlineData("Terehovā rinda 3 km", "terehova")]
    [InlineData("#ВерхнийЛарс очередь 3 км", "upper-lars")]
    [InlineData("#Vaalimaa queue 3 km", "vaalimaa")]
    [InlineData("Очередь у Торфяновки 3 км", "vaalimaa")]
    public void Extract_InflectedNamesAndHashtags_FindTheCrossing(string text, string crossing)
    {
        var reading = Single(text);

        Assert.Equal(crossing, reading.Crossing);
        Assert.Equal(3, reading.QueueKm);
    }

    [Fact]
    public void Extract_Evidence_HighlightsTheNameAndTheFigureAsWritten()
    {
        const string text = "Срочно! Очередь на Верхнем Ларсе 5500 машин. Подробности позже.";

        var reading = Single(text);

        Assert.Equal("Очередь на Верхнем Ларсе 5500 машин.", reading.Evidence);
        Assert.Equal(text.IndexOf("Очередь", StringComparison.Ordinal), reading.EvidenceStart);
        Assert.Equal(["Верхнем Ларсе", "5500 машин"], reading.Highlights.Select(h => reading.Evidence.Substring(h.Start, h.Length)));
        Assert.Equal(["crossing", "quantity"], reading.Highlights.Select(h => h.Kind));
        Assert.Equal("Верхний Ларс", reading.MatchedName);
    }

    [Fact]
    public void Extract_TouristTownName_ReadingWaitsForReviewWithTheReason()
    {
        var reading = Single("Kazbegi: traffic stands for 12 km, people wait about 6 hours");

        Assert.Equal("upper-lars", reading.Crossing);
        Assert.Equal(ReadingStatus.Pending, reading.Status);
        Assert.Contains(reading.Notes, n => n.Contains("tourist", StringComparison.Ordinal));
        Assert.True(reading.Confidence < 0.6);
    }

    [Theory]
    [InlineData("Kazbegi is about 150 km from Tbilisi.")]
    [InlineData("Ларс фон Триер снял фильм длительностью 3 часа")]
    [InlineData("Hanh waited 3 hours for the bus")]
    public void Extract_AmbiguousNameWithoutQueueWords_NoReading(string text) =>
        Assert.Empty(Extractor.Extract(text).Readings);

    [Fact]
    public void Extract_BareLarsWithQueueWords_AcceptedAsUpperLars()
    {
        var reading = Single("На Ларсе очередь 10 км");

        Assert.Equal("upper-lars", reading.Crossing);
        Assert.Equal(ReadingStatus.Accepted, reading.Status);
    }

    [Fact]
    public void Extract_CountryPairWithSeveralCrossings_PendingWithTheOthersAsCandidates()
    {
        var reading = Single("Queue of 10 km at the border between Russia and Finland");

        Assert.Equal(ReadingStatus.Pending, reading.Status);
        Assert.Equal("vaalimaa", reading.Crossing);
        Assert.Contains("nuijamaa", reading.Candidates);
        Assert.DoesNotContain("vaalimaa", reading.Candidates);
    }

    [Theory]
    [InlineData("Queue at Upper Lars 10 km, everyone fleeing Russia", Direction.Outbound)]
    [InlineData("Queue at Upper Lars 10 km towards Russia", Direction.Inbound)]
    [InlineData("Очередь на въезд в Финляндию в Торфяновке 2 км", Direction.Inbound)]
    [InlineData("Очередь на выезд из России на Верхнем Ларсе 2 км", Direction.Outbound)]
    [InlineData("Vaalimaa: jono Venäjälle 2 km", Direction.Outbound)]
    [InlineData("Queue at Upper Lars 10 km", Direction.Unknown)]
    public void Extract_DirectionWords_SetTheDirectionRelativeToTheCrossingsCountries(string text, Direction direction) =>
        Assert.Equal(direction, Single(text).Direction);

    [Fact]
    public void Extract_SamePostQuotedTwice_OneReading()
    {
        const string post = "Очередь на Верхнем Ларсе 14 км.";

        var readings = Extractor.Extract($"{post} Repost: {post} And again: {post}").Readings;

        Assert.Equal(14, Assert.Single(readings).QueueKm);
        Assert.Empty(readings[0].Notes);
    }

    [Fact]
    public void Extract_TwoDifferentFigures_TakesTheLaterAndAsksForReview()
    {
        var reading = Single("Вчера на Ларсе было 10 км, сегодня пробка 4 км");

        Assert.Equal(4, reading.QueueKm);
        Assert.Equal(ReadingStatus.Pending, reading.Status);
        Assert.NotEmpty(reading.Notes);
    }

    [Fact]
    public void Extract_TwoCrossingsInOneReport_OneReadingEach()
    {
        var readings = Extractor.Extract("Vaalimaa: queue 2 km. Nuijamaa: queue 500 m.").Readings;

        Assert.Equal(2, readings.Count);
        Assert.Equal(2, readings.Single(r => r.Crossing == "vaalimaa").QueueKm);
        Assert.Equal(0.5, readings.Single(r => r.Crossing == "nuijamaa").QueueKm);
    }

    [Theory]
    [InlineData("Upper Lars queue moves at 5 km/h")]
    [InlineData("Upper Lars queue: 2 hours ago there were more cars")]
    [InlineData("1,273 vehicles crossed Upper Lars in the past 24 hours")]
    [InlineData("Upper Lars: SENTRI lanes 20 minutes")]
    [InlineData("https://t.me/upperlars/14 km Upper Lars queue")]
    public void Extract_SpeedsTimesAgoThroughputOtherLanesAndLinks_NotQueueFigures(string text) =>
        Assert.All(Extractor.Extract(text).Readings, r => Assert.True(r.QueueKm is null && r.WaitHours is null && r.Vehicles is null, $"{r.QueueKm} {r.WaitHours} {r.Vehicles}"));

    [Theory]
    [InlineData("На Сторскоге очереди нет")]
    [InlineData("Niiralassa ei jonoa")]
    [InlineData("Garita de Otay: sin fila")]
    public void Extract_NoQueuePhrases_ReadAsZeroKilometres(string text) =>
        Assert.Equal(0, Single(text).QueueKm);

    [Theory]
    [InlineData("Очередь на Верхнем Ларсе 5500 машин", "ru")]
    [InlineData("The queue at Upper Lars is 5 km", "en")]
    [InlineData("Kolejka w Dorohusku 3 km", "pl")]
    [InlineData("The queue at the border is long", "en")]
    [InlineData("12345", "und")]
    public void Extract_Language_IsTheLanguageOfTheMatchedWords(string text, string language) =>
        Assert.Equal(language, Extractor.Extract(text).Language);

    [Fact]
    public void Languages_BuiltIn_AtLeastTheTenRequired() =>
        Assert.Superset(new HashSet<string> { "en", "ru", "uk", "ar", "fi", "pl", "ka", "et", "lv", "es" }, Extractor.Languages.ToHashSet());
}
