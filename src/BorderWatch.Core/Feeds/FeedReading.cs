using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Feeds;

/// <summary>A reading from an official structured feed, with the key that says whether it was already seen.</summary>
/// <param name="Key">Stable per observation (port + update time, checkpoint + queue state): polling twice stores once.</param>
/// <param name="Reading">The reading, of kind <c>feed</c>.</param>
public sealed record FeedReading(string Key, Reading Reading);

/// <summary>What a feed payload gave, and what it could not use (unmapped ports, closed lanes), for the logs.</summary>
public sealed record FeedBatch(IReadOnlyList<FeedReading> Readings, IReadOnlyList<string> Skipped);
