namespace BorderWatch.Core.Tests.Feeds;

/// <summary>The sample payloads, written from the published formats (Feeds/Samples/).</summary>
internal static class FeedSamples
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Feeds", "Samples", name);

    public static FileStream Open(string name) => File.OpenRead(Path(name));
}
