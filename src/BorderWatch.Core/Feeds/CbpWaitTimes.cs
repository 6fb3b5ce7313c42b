using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BorderWatch.Core.Crossings;
using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Feeds;

/// <summary>
/// The US CBP Border Wait Times feed (<c>bwtnew</c> JSON: one object per port with passenger, pedestrian and commercial
/// lanes, each lane type with <c>update_time</c>, <c>operational_status</c>, <c>delay_minutes</c>, <c>lanes_open</c>).
/// Mapped to readings of the US–Mexico crossings: the standard passenger-vehicle lanes' delay as the wait northbound
/// (inbound: Mexico → US).
/// </summary>
public sealed partial class CbpWaitTimes
{
    public const string SourceName = "US CBP Border Wait Times";
    public const string DetailsUrl = "https://bwt.cbp.gov/details/{0}/POV";

    private static readonly Lazy<CbpWaitTimes> BuiltIn = new(() => new CbpWaitTimes(Gazetteer.Default, LoadPorts()));

    private readonly Gazetteer _gazetteer;
    private readonly IReadOnlyList<PortMapping> _ports;

    public CbpWaitTimes(Gazetteer gazetteer, IReadOnlyList<PortMapping> ports)
    {
        _gazetteer = gazetteer;
        _ports = ports;
    }

    public static CbpWaitTimes Default => BuiltIn.Value;

    public IReadOnlyList<PortMapping> Ports => _ports;

    public FeedBatch Map(Stream json, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var ports = document.RootElement.ValueKind switch
        {
            JsonValueKind.Array => document.RootElement,
            JsonValueKind.Object when document.RootElement.TryGetProperty("port", out var list) => list,
            _ => throw new InvalidDataException("The CBP feed is not a list of ports."),
        };

        var readings = new List<FeedReading>();
        var skipped = new List<string>();
        foreach (var port in ports.EnumerateArray())
        {
            var number = String(port, "port_number");
            var name = String(port, "port_name");
            var crossingName = String(port, "crossing_name");
            var mapping = _ports.FirstOrDefault(p => p.PortNumber is not null && p.PortNumber == number)
                ?? _ports.FirstOrDefault(p => p.PortNumber is null && Same(p.PortName, name) && Same(p.CrossingName, crossingName));
            if (mapping is null || !_gazetteer.TryGet(mapping.Slug, out var crossing))
            {
                continue;
            }

            var label = $"{name} {crossingName}".Trim();
            if (!Same(String(port, "port_status"), "Open"))
            {
                skipped.Add($"{label}: port {String(port, "port_status")}");
                continue;
            }

            var lane = port.TryGetProperty("passenger_vehicle_lanes", out var passenger) && passenger.TryGetProperty("standard_lanes", out var standard) ? standard : default;
            var status = lane.ValueKind == JsonValueKind.Object ? String(lane, "operational_status") : "";
            if (!Same(status, "delay") && !Same(status, "no delay"))
            {
                skipped.Add($"{label}: passenger standard lanes {(status.Length == 0 ? "not reported" : status)}");
                continue;
            }

            // "no delay" can still carry a few minutes; trust the number, not the label.
            if (!int.TryParse(String(lane, "delay_minutes"), NumberStyles.None, CultureInfo.InvariantCulture, out var delay))
            {
                delay = Same(status, "no delay") ? 0 : -1;
            }

            var updated = String(lane, "update_time");
            var observed = ObservedAt(String(port, "date"), updated, crossing) ?? receivedAt;
            if (delay < 0 || observed > receivedAt.AddMinutes(5))
            {
                skipped.Add($"{label}: delay '{String(lane, "delay_minutes")}' at '{updated}' not usable");
                continue;
            }

            var lanesOpen = String(lane, "lanes_open");
            var reading = new Reading
            {
                Crossing = crossing.Slug,
                ObservedAt = observed,
                ReceivedAt = receivedAt,
                Kind = ReadingKind.Feed,
                // Wait times are for traffic entering the US: from the crossing's second country (MX) to its first.
                Direction = Direction.Inbound,
                WaitHours = Math.Round(delay / 60.0, 3),
                Confidence = 0.9,
                Source = new Provenance(SourceName, string.Format(CultureInfo.InvariantCulture, DetailsUrl, number), "official",
                    $"{label}: passenger vehicles, standard lanes — {delay} min delay, {(lanesOpen.Length > 0 ? lanesOpen : "?")} lanes open ({updated}, {String(port, "date")})"),
            };
            readings.Add(new FeedReading($"cbp|{number}|{String(port, "date")}|{updated}", reading));
        }

        return new FeedBatch(readings, skipped);
    }

    /// <summary>"9/26/2022" and "At 11:00 am PDT" (or "At Noon PST", "At Midnight PDT") as a UTC instant.</summary>
    internal static DateTimeOffset? ObservedAt(string date, string updateTime, Crossing crossing)
    {
        if (!DateTime.TryParseExact(date, ["M/d/yyyy", "MM/dd/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var match = UpdateTimePattern().Match(updateTime);
        if (!match.Success)
        {
            return null;
        }

        int hour, minute = 0;
        if (match.Groups["word"].Success)
        {
            hour = match.Groups["word"].Value.Equals("noon", StringComparison.OrdinalIgnoreCase) ? 12 : 0;
        }
        else
        {
            hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) % 12;
            minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (match.Groups["ampm"].Value.Equals("pm", StringComparison.OrdinalIgnoreCase))
            {
                hour += 12;
            }
        }

        var local = day.Date.AddHours(hour).AddMinutes(minute);
        var offset = match.Groups["zone"].Value.ToUpperInvariant() switch
        {
            "PDT" => TimeSpan.FromHours(-7),
            "PST" => TimeSpan.FromHours(-8),
            "MDT" => TimeSpan.FromHours(-6),
            "MST" => TimeSpan.FromHours(-7),
            "CDT" => TimeSpan.FromHours(-5),
            "CST" => TimeSpan.FromHours(-6),
            "EDT" => TimeSpan.FromHours(-4),
            "EST" => TimeSpan.FromHours(-5),
            _ => TimeZoneInfo.FindSystemTimeZoneById(crossing.TimeZone).GetUtcOffset(local),
        };
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static bool Same(string? a, string? b) => string.Equals((a ?? "").Trim(), (b ?? "").Trim(), StringComparison.OrdinalIgnoreCase);

    private static string String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()?.Trim() ?? "",
                JsonValueKind.Number => value.GetRawText(),
                _ => "",
            }
            : "";

    public static IReadOnlyList<PortMapping> LoadPorts()
    {
        using var stream = typeof(CbpWaitTimes).Assembly.GetManifestResourceStream("BorderWatch.Core.Feeds.cbp-ports.json")
            ?? throw new InvalidOperationException("The embedded CBP port list is missing.");
        return JsonSerializer.Deserialize(stream, FeedJsonContext.Default.CbpPortList)!.Ports;
    }

    [GeneratedRegex(@"^At\s+(?:(?<h>\d{1,2}):(?<m>\d{2})\s*(?<ampm>am|pm)|(?<word>noon|midnight))\s*(?<zone>[A-Z]{3})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdateTimePattern();
}

/// <param name="PortNumber">CBP port number (e.g. 250401), when known.</param>
/// <param name="PortName">The feed's port_name.</param>
/// <param name="CrossingName">The feed's crossing_name ("" when the port has one crossing).</param>
/// <param name="Slug">The gazetteer crossing.</param>
public sealed record PortMapping(string? PortNumber, string PortName, string CrossingName, string Slug);

internal sealed record CbpPortList(List<PortMapping> Ports);
