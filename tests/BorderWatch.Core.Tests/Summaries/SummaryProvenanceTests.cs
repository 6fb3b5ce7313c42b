using BorderWatch.Core.Summaries;

namespace BorderWatch.Core.Tests.Summaries;

public class SummaryProvenanceTests
{
    [Fact]
    public void ListSources_CrowdAndUntypedSources_AreCountedWithoutNames()
    {
        var sources = SummaryProvenance.ListSources(
        [
            new SourceReadings("Finnish Border Guard", "official", "https://raja.fi", 5),
            new SourceReadings("@ivan_on_the_road", "crowd", null, 2),
            new SourceReadings("@maria", "crowd", null, 3),
            new SourceReadings("someone", null, null, 1),
            new SourceReadings(null, null, null, 4),
        ]);

        Assert.Equal(new ProvenanceSource("Finnish Border Guard", "official", "https://raja.fi", 1, 5), sources[0]);
        Assert.Contains(new ProvenanceSource(null, "crowd", null, 2, 5), sources);
        Assert.Contains(new ProvenanceSource(null, "untyped", null, 1, 1), sources);
        Assert.Contains(new ProvenanceSource(null, "unnamed", null, 0, 4), sources);
        Assert.DoesNotContain(sources, s => s.Name is "@maria" or "@ivan_on_the_road" or "someone");
        Assert.Equal(15, sources.Sum(s => s.Readings));
    }
}
