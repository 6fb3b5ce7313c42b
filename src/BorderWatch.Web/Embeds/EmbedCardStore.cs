using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Estimates;
using BorderWatch.Core.Serialization;
using BorderWatch.Data.Readings;
using BorderWatch.Web.Estimates;
using BorderWatch.Web.Live;

namespace BorderWatch.Web.Embeds;

/// <summary>A card ready to serve: the model, its JSON and an entity tag that changes when the JSON does.</summary>
public sealed record CachedCard(EmbedCard Card, byte[] Json, string ETag);

/// <summary>
/// Builds the crossing cards the widgets show and keeps each until its crossing's estimate changes, so a front page
/// with 100,000 readers costs one sparkline query per estimate change, not one per reader.
/// </summary>
public sealed class EmbedCardStore : IDisposable
{
    /// <summary>The sparkline covers this long before the newest reading.</summary>
    public static readonly TimeSpan SparkSpan = TimeSpan.FromHours(24);

    private const int MaxSparkReadings = 2000;

    private readonly Gazetteer _gazetteer;
    private readonly EstimateStore _estimates;
    private readonly ReadingRepository _readings;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedCard>>> _cards = new(StringComparer.Ordinal);

    public EmbedCardStore(Gazetteer gazetteer, EstimateStore estimates, ReadingRepository readings, LiveUpdates live)
    {
        ArgumentNullException.ThrowIfNull(live);
        _gazetteer = gazetteer;
        _estimates = estimates;
        _readings = readings;
        // The estimate store is updated before the change is published, so a card built after this removal is current.
        _subscription = live.Subscribe(update =>
        {
            if (update is EstimateChanged)
            {
                _cards.TryRemove(update.Crossing, out _);
            }
        });
    }

    /// <summary>Every crossing of the gazetteer: the map widget's default.</summary>
    public IReadOnlyList<Crossing> AllCrossings => _gazetteer.Crossings;

    /// <summary>The card of a known crossing (callers check the slug against the gazetteer first).</summary>
    public async Task<CachedCard> GetAsync(Crossing crossing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        var lazy = _cards.GetOrAdd(crossing.Slug, _ => new Lazy<Task<CachedCard>>(() => BuildAsync(crossing)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Don't keep a failure (a locked database, say): the next reader tries again.
            _cards.TryRemove(new KeyValuePair<string, Lazy<Task<CachedCard>>>(crossing.Slug, lazy));
            throw;
        }
    }

    /// <summary>
    /// The crossings of the map widget: current estimates, or with <paramref name="to"/> the picture at that moment
    /// fused from the readings observed between <paramref name="from"/> (default: one fusion window earlier) and then.
    /// </summary>
    public async Task<IReadOnlyList<(Crossing Crossing, EmbedEstimate Estimate)>> GetMapAsync(
        IReadOnlyList<Crossing> crossings, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crossings);
        var result = new List<(Crossing, EmbedEstimate)>(crossings.Count);
        foreach (var crossing in crossings)
        {
            CrossingEstimate estimate;
            if (to is { } at)
            {
                var readings = await _readings.ListAsync(crossing.Slug, from ?? at - _estimates.Fusion.Window, at, MaxSparkReadings, cancellationToken);
                estimate = EstimateFusion.Fuse(crossing, readings, at, _estimates.Fusion);
            }
            else
            {
                estimate = _estimates.Get(crossing.Slug);
            }

            result.Add((crossing, EmbedEstimate.From(estimate)));
        }

        return result;
    }

    private async Task<CachedCard> BuildAsync(Crossing crossing)
    {
        var estimate = _estimates.Get(crossing.Slug);
        var spark = estimate.AsOf is { } asOf ? await SparkAsync(crossing, asOf) : [];
        var card = new EmbedCard(EmbedEstimate.From(estimate), spark);
        var json = JsonSerializer.SerializeToUtf8Bytes(card, BorderWatchJson.Options);
        return new CachedCard(card, json, EntityTag(json));
    }

    /// <summary>The fused vehicle count every hour over the day up to the newest reading, where readings were fresh enough.</summary>
    private async Task<IReadOnlyList<long[]>> SparkAsync(Crossing crossing, DateTimeOffset end)
    {
        var fusion = _estimates.Fusion;
        var start = end - SparkSpan;
        // Not cancelled with the request: other readers wait for the same card.
        var readings = await _readings.ListAsync(crossing.Slug, start - fusion.Window, end, MaxSparkReadings, CancellationToken.None);
        var points = new List<long[]>(25);
        for (var t = start; t <= end; t += TimeSpan.FromHours(1))
        {
            var fused = EstimateFusion.Fuse(crossing, readings, t, fusion);
            if (fused.AsOf is { } observed && t - observed <= fusion.Window && fused.Vehicles is { } vehicles)
            {
                points.Add([t.ToUnixTimeMilliseconds(), (long)Math.Round(vehicles)]);
            }
        }

        return points;
    }

    internal static string EntityTag(params ReadOnlySpan<byte[]> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }

        return "\"" + Convert.ToBase64String(hash.GetHashAndReset(), 0, 12).Replace('+', '-').Replace('/', '_') + "\"";
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>Looks crossings up for the map widget; unknown slugs are reported, not skipped.</summary>
    internal IReadOnlyList<Crossing> Resolve(IEnumerable<string> slugs, List<string> unknown)
    {
        var found = new List<Crossing>();
        foreach (var slug in slugs)
        {
            if (_gazetteer.TryGet(slug, out var crossing))
            {
                if (!found.Contains(crossing))
                {
                    found.Add(crossing);
                }
            }
            else
            {
                unknown.Add(slug);
            }
        }

        return found;
    }
}
