using BorderWatch.Core.Readings;

namespace BorderWatch.Core.Demo;

/// <summary>
/// The September 2022 demo: a replay of 21–30 September 2022, when mobilisation in Russia sent tens of thousands of
/// people to the borders. Every value is modelled on public reporting of those days (see <see cref="Profiles"/>),
/// interpolated and sampled with noise. It is demo data: every reading is flagged <see cref="Reading.IsDemo"/> and
/// named as such in its source.
/// </summary>
public static class DemoScenario
{
    public static readonly DateTimeOffset Start = new(2022, 9, 21, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2022, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public const string SourceName = "BorderWatch demo data (modelled on public reporting, not observed)";

    /// <summary>The modelled queue of each crossing over the period.</summary>
    public static IReadOnlyList<DemoProfile> Profiles { get; } =
    [
        // North Ossetia officials and media: about 3,000 cars on 25 Sep, 5,500 by 26–27 Sep; a tail of 14 km on
        // 24 Sep and up to about 20 km; waits of two days and more. Easing from 28 Sep.
        Keyframes("upper-lars", Direction.Outbound, kmPerVehicle: 0.0036, ratePerHour: 115,
            "Upper Lars: 3,000–5,500 cars and up to 20 km reported 24–27 Sep 2022",
            ("2022-09-21T06:00Z", 150), ("2022-09-22T12:00Z", 1200), ("2022-09-23T18:00Z", 2600),
            ("2022-09-24T12:00Z", 3900), ("2022-09-25T12:00Z", 3000), ("2022-09-26T12:00Z", 5500),
            ("2022-09-27T12:00Z", 5200), ("2022-09-28T12:00Z", 3200), ("2022-09-29T12:00Z", 1800),
            ("2022-09-30T23:00Z", 900)),
        // Finnish Border Guard: queues of 400–500 m at Vaalimaa on the weekend of 24–25 Sep; traffic peaked before
        // Finland stopped Russian tourists on 30 Sep.
        Keyframes("vaalimaa", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 100,
            "Vaalimaa: queues of 400–500 m per the Finnish Border Guard, 24–25 Sep 2022",
            ("2022-09-21T06:00Z", 15), ("2022-09-22T12:00Z", 40), ("2022-09-23T18:00Z", 55),
            ("2022-09-24T12:00Z", 70), ("2022-09-25T12:00Z", 62), ("2022-09-26T12:00Z", 35),
            ("2022-09-28T12:00Z", 45), ("2022-09-29T18:00Z", 60), ("2022-09-30T20:00Z", 20)),
        Keyframes("nuijamaa", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 70,
            "Nuijamaa: shorter queues than Vaalimaa, 100–300 m",
            ("2022-09-21T06:00Z", 8), ("2022-09-23T18:00Z", 30), ("2022-09-24T12:00Z", 40),
            ("2022-09-26T12:00Z", 20), ("2022-09-29T18:00Z", 35), ("2022-09-30T20:00Z", 10)),
        Keyframes("imatra", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 50,
            "Imatra: busier than usual, tens of cars",
            ("2022-09-21T06:00Z", 5), ("2022-09-24T12:00Z", 25), ("2022-09-27T12:00Z", 12), ("2022-09-30T20:00Z", 6)),
        Keyframes("niirala", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 40,
            "Niirala: busier than usual, tens of cars",
            ("2022-09-21T06:00Z", 3), ("2022-09-24T12:00Z", 18), ("2022-09-27T12:00Z", 10), ("2022-09-30T20:00Z", 4)),
        Keyframes("vartius", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 40,
            "Vartius: small queues",
            ("2022-09-21T06:00Z", 2), ("2022-09-25T12:00Z", 12), ("2022-09-30T20:00Z", 3)),
        Keyframes("salla", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 40,
            "Salla: small queues",
            ("2022-09-21T06:00Z", 2), ("2022-09-25T12:00Z", 15), ("2022-09-30T20:00Z", 4)),
        Keyframes("raja-jooseppi", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 30,
            "Raja-Jooseppi: small queues",
            ("2022-09-21T06:00Z", 1), ("2022-09-25T12:00Z", 8), ("2022-09-30T20:00Z", 2)),
        Keyframes("storskog", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 40,
            "Storskog: more Russians than usual entering Norway",
            ("2022-09-21T06:00Z", 3), ("2022-09-26T12:00Z", 20), ("2022-09-30T20:00Z", 8)),
        Keyframes("narva", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 40,
            "Narva: Estonia already refused Russian tourists from 19 Sep; modest queues",
            ("2022-09-21T06:00Z", 20), ("2022-09-25T12:00Z", 45), ("2022-09-30T20:00Z", 25)),
        Keyframes("koidula", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 30,
            "Koidula: modest queues",
            ("2022-09-21T06:00Z", 8), ("2022-09-25T12:00Z", 20), ("2022-09-30T20:00Z", 10)),
        Keyframes("luhamaa", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 25,
            "Luhamaa: modest queues",
            ("2022-09-21T06:00Z", 6), ("2022-09-25T12:00Z", 15), ("2022-09-30T20:00Z", 8)),
        Keyframes("terehova", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 35,
            "Terehova: queues of cars leaving Russia for Latvia",
            ("2022-09-21T06:00Z", 15), ("2022-09-25T12:00Z", 60), ("2022-09-30T20:00Z", 30)),
        Keyframes("grebneva", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 30,
            "Grebneva: queues of cars leaving Russia for Latvia",
            ("2022-09-21T06:00Z", 10), ("2022-09-25T12:00Z", 40), ("2022-09-30T20:00Z", 20)),
        // Buryatia: queues of hundreds of cars at Kyakhta towards Mongolia from 22 Sep.
        Keyframes("kyakhta", Direction.Outbound, kmPerVehicle: 0.007, ratePerHour: 45,
            "Kyakhta: hundreds of cars queueing towards Mongolia, 24–27 Sep 2022",
            ("2022-09-21T06:00Z", 20), ("2022-09-23T12:00Z", 180), ("2022-09-25T12:00Z", 380),
            ("2022-09-27T12:00Z", 320), ("2022-09-30T20:00Z", 120)),
        Keyframes("tashanta", Direction.Outbound, kmPerVehicle: 0.007, ratePerHour: 35,
            "Tashanta: queues of a few hundred cars towards Mongolia",
            ("2022-09-21T06:00Z", 10), ("2022-09-24T12:00Z", 150), ("2022-09-26T12:00Z", 260),
            ("2022-09-30T20:00Z", 80)),
        // Orenburg region: kilometres of cars at Sagarchin towards Kazakhstan, 25–28 Sep.
        Keyframes("sagarchin", Direction.Outbound, kmPerVehicle: 0.004, ratePerHour: 120,
            "Sagarchin: kilometres of cars towards Kazakhstan, 25–28 Sep 2022",
            ("2022-09-21T06:00Z", 60), ("2022-09-23T12:00Z", 600), ("2022-09-25T12:00Z", 1800),
            ("2022-09-26T18:00Z", 2400), ("2022-09-28T12:00Z", 1500), ("2022-09-30T20:00Z", 500)),
        // EU–Ukraine in wartime: steady traffic, long waits for trucks, hours for cars.
        Keyframes("medyka", Direction.Inbound, kmPerVehicle: 0.007, ratePerHour: 60,
            "Medyka: several hours for cars entering Poland",
            ("2022-09-21T06:00Z", 150), ("2022-09-25T12:00Z", 220), ("2022-09-30T20:00Z", 170)),
        Keyframes("dorohusk", Direction.Outbound, kmPerVehicle: 0.017, ratePerHour: 25,
            "Dorohusk: long truck queues towards Ukraine",
            ("2022-09-21T06:00Z", 500), ("2022-09-26T12:00Z", 800), ("2022-09-30T20:00Z", 650)),
        Keyframes("hrebenne", Direction.Outbound, kmPerVehicle: 0.012, ratePerHour: 40,
            "Hrebenne: queues of trucks and cars",
            ("2022-09-21T06:00Z", 220), ("2022-09-26T12:00Z", 350), ("2022-09-30T20:00Z", 260)),
        Keyframes("korczowa", Direction.Outbound, kmPerVehicle: 0.012, ratePerHour: 50,
            "Korczowa: queues of trucks and cars",
            ("2022-09-21T06:00Z", 250), ("2022-09-26T12:00Z", 380), ("2022-09-30T20:00Z", 300)),
        // Busy every day: commuter peaks (CBP wait times at San Ysidro; Causeway and Second Link rush hours).
        Daily("san-ysidro", Direction.Inbound, kmPerVehicle: 0.0025, ratePerHour: 1200, timeZone: "America/Los_Angeles",
            "San Ysidro: daily commuter peaks, CBP-style wait times", baseVehicles: 500, peakVehicles: 2600, peakHours: [6, 8, 16]),
        Daily("woodlands", Direction.Inbound, kmPerVehicle: 0.0035, ratePerHour: 900, timeZone: "Asia/Singapore",
            "Woodlands: morning and evening rush of commuters from Johor", baseVehicles: 200, peakVehicles: 1500, peakHours: [6, 7, 18]),
        Daily("tuas", Direction.Inbound, kmPerVehicle: 0.004, ratePerHour: 600, timeZone: "Asia/Singapore",
            "Tuas: morning and evening rush on the Second Link", baseVehicles: 80, peakVehicles: 700, peakHours: [6, 7, 18]),
    ];

    /// <summary>Generates the replay: deterministic for a given seed.</summary>
    public static IReadOnlyList<Reading> Generate(int seed = 2022)
    {
        var random = new Random(seed);
        var readings = new List<Reading>();
        foreach (var profile in Profiles)
        {
            for (var t = Start.AddMinutes(random.Next(0, 90)); t < End; t = t.AddMinutes(profile.MeanIntervalMinutes * (0.5 + random.NextDouble())))
            {
                readings.Add(Sample(profile, t, random));
            }
        }

        return [.. readings.OrderBy(r => r.ObservedAt)];
    }

    /// <summary>One noisy observation of <paramref name="profile"/> at time <paramref name="at"/>.</summary>
    public static Reading Sample(DemoProfile profile, DateTimeOffset at, Random random, string sourceName = SourceName)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(random);
        var truth = profile.VehiclesAt(at);
        var noisy = Math.Max(0, truth * (1 + ((random.NextDouble() - 0.5) * 0.25)));
        var (kind, confidence, sourceType) = random.Next(10) switch
        {
            < 4 => (ReadingKind.Report, 0.55 + (random.NextDouble() * 0.3), "media"),
            < 7 => (ReadingKind.Feed, 0.85 + (random.NextDouble() * 0.1), "official"),
            < 9 => (ReadingKind.Image, 0.6 + (random.NextDouble() * 0.3), "camera"),
            _ => (ReadingKind.Report, 0.3 + (random.NextDouble() * 0.3), "crowd"),
        };

        double? vehicles = null, km = null, wait = null;
        switch (random.Next(3))
        {
            case 0:
                vehicles = Math.Round(noisy / 10) * 10 is var rounded and > 0 ? rounded : Math.Round(noisy);
                break;
            case 1:
                km = Math.Round(noisy * profile.KmPerVehicle, 1);
                break;
            default:
                vehicles = Math.Round(noisy);
                wait = Math.Round(noisy / profile.RatePerHour * 2, MidpointRounding.AwayFromZero) / 2;
                break;
        }

        return new Reading
        {
            Crossing = profile.Crossing,
            ObservedAt = at,
            ReceivedAt = at.AddMinutes(random.Next(1, 20)),
            Kind = kind,
            Direction = profile.Direction,
            QueueKm = km,
            Vehicles = vehicles,
            WaitHours = wait,
            Confidence = Math.Round(confidence, 2),
            Status = ReadingStatus.Accepted,
            Source = new Provenance(sourceName, null, sourceType, $"Demo: {profile.Basis}."),
            IsDemo = true,
        };
    }

    private static DemoProfile Keyframes(string crossing, Direction direction, double kmPerVehicle, double ratePerHour, string basis, params (string At, double Vehicles)[] keyframes)
    {
        var points = keyframes.Select(k => (At: DateTimeOffset.Parse(k.At, System.Globalization.CultureInfo.InvariantCulture), k.Vehicles)).ToArray();
        return new DemoProfile(crossing, direction, kmPerVehicle, ratePerHour, basis, points[^1].Vehicles > 500 ? 90 : 150, at =>
        {
            if (at <= points[0].At)
            {
                return points[0].Vehicles;
            }

            for (var i = 1; i < points.Length; i++)
            {
                if (at <= points[i].At)
                {
                    var f = (at - points[i - 1].At) / (points[i].At - points[i - 1].At);
                    return points[i - 1].Vehicles + (f * (points[i].Vehicles - points[i - 1].Vehicles));
                }
            }

            return points[^1].Vehicles;
        });
    }

    private static DemoProfile Daily(string crossing, Direction direction, double kmPerVehicle, double ratePerHour, string timeZone, string basis, double baseVehicles, double peakVehicles, int[] peakHours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return new DemoProfile(crossing, direction, kmPerVehicle, ratePerHour, basis, 60, at =>
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var hour = local.Hour + (local.Minute / 60.0);
            // A sum of bumps around the rush hours, each about two hours wide; weekends are lighter in the morning.
            var peak = peakHours.Sum(h => Math.Exp(-Math.Pow((hour - h) / 1.2, 2)));
            var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
            return baseVehicles + ((peakVehicles - baseVehicles) * Math.Min(1, peak) * weekend);
        });
    }
}

/// <summary>A modelled queue: the number of vehicles waiting at each moment, and how to express it in km and hours.</summary>
public sealed record DemoProfile(
    string Crossing,
    Direction Direction,
    double KmPerVehicle,
    double RatePerHour,
    string Basis,
    double MeanIntervalMinutes,
    Func<DateTimeOffset, double> VehiclesAt);
