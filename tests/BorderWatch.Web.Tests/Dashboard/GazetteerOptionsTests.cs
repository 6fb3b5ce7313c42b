using BorderWatch.Core.Crossings;
using BorderWatch.Testing;
using BorderWatch.Web.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Web.Tests.Dashboard;

public sealed class GazetteerOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("borderwatch-gazetteer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_NoExtraFile_BuiltInGazetteer() =>
        Assert.Same(Gazetteer.Default, GazetteerOptions.Load(new ConfigurationBuilder().Build(), _directory));

    [Fact]
    public async Task Server_ExtraFile_ServesBuiltInAndExtraCrossings()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "extra.json"), """
            { "version": 1, "crossings": [
              { "slug": "extra-one", "name": "Extra One", "countries": ["FI", "RU"], "lat": 61.5, "lon": 29.1, "timeZone": "Europe/Helsinki" } ] }
            """);
        await using var server = new BorderWatchServer(new Dictionary<string, string?> { ["Gazetteer:ExtraFile"] = Path.Combine(_directory, "extra.json") });

        var gazetteer = server.Services.GetRequiredService<Gazetteer>();
        var posted = await server.PostReadingAsync(new { crossing = "extra-one", vehicles = 12 });

        Assert.Equal(Gazetteer.Default.Crossings.Count + 1, gazetteer.Crossings.Count);
        Assert.Equal("extra-one", posted.Crossing);
    }

    [Fact]
    public async Task Load_ExtraFileRepeatsABuiltInSlug_ExplainsTheClash()
    {
        var path = Path.Combine(_directory, "clash.json");
        await File.WriteAllTextAsync(path, """
            { "crossings": [ { "slug": "narva", "name": "Narva again", "countries": ["EE", "RU"], "lat": 59.4, "lon": 28.2, "timeZone": "Europe/Tallinn" } ] }
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gazetteer:ExtraFile"] = path }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => GazetteerOptions.Load(configuration, _directory));
        Assert.Contains("'narva'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingExtraFile_NamesThePath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gazetteer:ExtraFile"] = "nowhere.json" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => GazetteerOptions.Load(configuration, _directory));
        Assert.Contains(Path.Combine(_directory, "nowhere.json"), error.Message, StringComparison.Ordinal);
    }
}
