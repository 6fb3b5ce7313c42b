using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Embeds;

/// <summary>Configuration section <c>Embeds</c>.</summary>
public sealed class EmbedCapacityOptions
{
    public const string SectionName = "Embeds";

    /// <summary>
    /// Hub connections beyond which widgets are told to poll instead of following live (docs/embeds.md: a 2-core
    /// machine delivers one update per second to about 10,000 viewers). Polling hits cacheable JSON that a CDN can
    /// absorb, so a front-page spike degrades to minute-old numbers instead of late ones for everybody. 0: no limit.
    /// </summary>
    public int MaxLiveViewers { get; set; } = 10_000;
}

internal sealed class EmbedCapacityOptionsValidator : IValidateOptions<EmbedCapacityOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbedCapacityOptions options) => options.MaxLiveViewers < 0
        ? ValidateOptionsResult.Fail("Embeds:MaxLiveViewers must be 0 (no limit) or a positive number of connections.")
        : ValidateOptionsResult.Success;
}

/// <summary>The number of open hub connections, kept by the hub itself (two atomic operations per connection).</summary>
public sealed class HubConnectionCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Connected() => Interlocked.Increment(ref _count);

    public void Disconnected() => Interlocked.Decrement(ref _count);
}
