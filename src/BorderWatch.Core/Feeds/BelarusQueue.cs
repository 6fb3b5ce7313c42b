using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Feeds;

/// <summary>
/// The Belarus electronic queue monitoring feed (belarusborder.by <c>monitoring-new</c>): one JSON document per
/// waiting zone, with the live queue per vehicle type (<c>carLiveQueue</c>, <c>truckLiveQueue</c>, <c>busLiveQueue</c>,
/// <c>motorcycleLiveQueue</c>). A reading counts the vehicles waiting (status 2) and takes as the wait how long the
/// first car in the queue has been registered. The e-queue is for leaving Belarus: inbound at the EU-side crossings.
/// </summary>
/// <remarks>Entries carry licence plates. They are only counted: never stored, logged or shown.</remarks>
public sealed class BelarusQueue
{
    public const string SourceName = "Belarus e-queue monitoring";

    /// <summary>Status of an entry waiting in the zone; 3 is "called to the checkpoint", 9 "cancelled".</summary>
    private const int Waiting = 2;

    private static readonly string[] Queues = ["carLiveQueue", "truckLiveQueue", "busLiveQueue", "motorcycleLiveQueue"];
    private static readonly Lazy<BelarusQueue> BuiltIn = new(() => new BelarusQueue(Gazetteer.Default, LoadCheckpoints()));

    private readonly Gazetteer _gazetteer;
    private readonly IReadOnlyList<CheckpointMapping> _checkpoints;

    public BelarusQueue(Gazetteer gazetteer, IReadOnlyList<CheckpointMapping> checkpoints)
    {
        _gazetteer = gazetteer;
        _checkpoints = checkpoints;
    }

    public static BelarusQueue Default => BuiltIn.Value;

    public IReadOnlyList<CheckpointMapping> Checkpoints => _checkpoints;

    /// <summary>Minsk time, in which the feed writes its dates (UTC+3, no daylight saving).</summary>
    private static readonly TimeSpan MinskOffset = TimeSpan.FromHours(3);

    public FeedBatch Map(Stream json, DateTimeOffset receivedAt, string? sourceUrl = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("info", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("The e-queue document has no 'info' object.");
        }

        var id = info.TryGetProperty("id", out var idElement) ? idElement.GetString() ?? "" : "";
        var name = info.TryGetProperty("name", out var nameElement) ? nameElement.GetString() ?? "" : "";
        var mapping = _checkpoints.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
        if (mapping is null || !_gazetteer.TryGet(mapping.Slug, out var crossing))
        {
            return new FeedBatch([], [$"waiting zone '{name}' ({id}) is not mapped to a crossing"]);
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        DateTimeOffset? firstCar = null;
        foreach (var queue in Queues)
        {
            var waiting = 0;
            if (root.TryGetProperty(queue, out var entries) && entries.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in entries.EnumerateArray())
                {
                    if (entry.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() != Waiting)
                    {
                        continue;
                    }

                    waiting++;
                    if (queue == "carLiveQueue" && RegisteredAt(entry) is { } registered && (firstCar is null || registered < firstCar))
                    {
                        firstCar = registered;
                    }
                }
            }

            counts[queue] = waiting;
        }

        var total = counts.Values.Sum();
        double? waitHours = firstCar is { } first && first <= receivedAt ? Math.Round((receivedAt - first).TotalHours, 2) : null;
        var head = firstCar is { } f
            ? FormattableString.Invariant($"first car registered {f.ToOffset(MinskOffset):HH:mm dd.MM} (Minsk)")
            : "no cars waiting";
        var excerpt = FormattableString.Invariant(
            $"{name}: {counts["carLiveQueue"]} cars, {counts["truckLiveQueue"]} lorries, {counts["busLiveQueue"]} buses, {counts["motorcycleLiveQueue"]} motorcycles waiting; {head}");
        var reading = new Reading
        {
            Crossing = crossing.Slug,
            ObservedAt = receivedAt,
            ReceivedAt = receivedAt,
            Kind = ReadingKind.Feed,
            // The e-queue is for leaving Belarus, the crossing's second country.
            Direction = Direction.Inbound,
            Vehicles = total,
            WaitHours = counts["carLiveQueue"] == 0 ? 0 : waitHours,
            Confidence = 0.9,
            Source = new Provenance(SourceName, sourceUrl, "official", excerpt),
        };
        var key = string.Create(CultureInfo.InvariantCulture, $"by|{id}|{string.Join('/', counts.Values)}|{firstCar?.ToUnixTimeSeconds()}");
        return new FeedBatch([new FeedReading(key, reading)], []);
    }

    private static DateTimeOffset? RegisteredAt(JsonElement entry) =>
        entry.TryGetProperty("registration_date", out var date) && date.ValueKind == JsonValueKind.String
        && DateTime.TryParseExact(date.GetString(), "HH:mm:ss dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, MinskOffset).ToUniversalTime()
            : null;

    public static IReadOnlyList<CheckpointMapping> LoadCheckpoints()
    {
        using var stream = typeof(BelarusQueue).Assembly.GetManifestResourceStream("BorderWatch.Core.Feeds.belarus-checkpoints.json")
            ?? throw new InvalidOperationException("The embedded Belarus checkpoint list is missing.");
        return JsonSerializer.Deserialize(stream, FeedJsonContext.Default.CheckpointList)!.Checkpoints;
    }
}

/// <param name="Id">The waiting zone's id in the e-queue service.</param>
/// <param name="Name">Its Russian name, as the service writes it.</param>
/// <param name="Slug">The gazetteer crossing it serves.</param>
public sealed record CheckpointMapping(string Id, string Name, string Slug);

internal sealed record CheckpointList(List<CheckpointMapping> Checkpoints);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CbpPortList))]
[JsonSerializable(typeof(CheckpointList))]
internal sealed partial class FeedJsonContext : JsonSerializerContext;
