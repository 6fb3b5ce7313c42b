using System.Globalization;
using System.Text;
using BorderWatch.Vision.Queues;
using BorderWatch.Vision.Synthesis;
using OpenCvSharp;
using Xunit.Abstractions;

namespace BorderWatch.Vision.Tests.Queues;

/// <summary>
/// The estimator against generated scenes with exact ground truth: daylight, dusk, rain, truck queues and queues
/// with gaps, seen by cameras of varied height, tilt, field of view and position; the queue's head near the camera
/// or far from it; straight and curved lanes. Images go through JPEG like a real upload.
/// </summary>
public sealed class GeneratedScenesTests(ITestOutputHelper output)
{
    private const int Scenes = 200;

    /// <summary>
    /// The issue's target: the count within ±10 % (or ±1) and the queue end within 5 % of the lane, each in 90 % of the
    /// scenes. Both figures reach it on these seeds (see docs/vision.md, Measurements) and are held to it: a change that
    /// costs either figure more than the margin fails here, and the printed distribution shows where it stands.
    /// </summary>
    private const double TargetShare = 0.90;

    [Fact]
    public void Analyze_200GeneratedScenes_CountAndQueueEndMeetTheTarget()
    {
        var synthesizer = new SceneSynthesizer(960, 540);
        var analyzer = new QueueAnalyzer();
        var results = new List<SceneResult>();
        for (var seed = FirstSeed; seed < FirstSeed + Scenes; seed++)
        {
            using var scene = synthesizer.Generate(seed);
            using var image = ThroughJpeg(scene.Image, 70 + (seed % 25));
            using var reference = seed % 4 == 0 ? ThroughJpeg(scene.EmptyRoad, 85) : null;
            var lane = Shifted(scene.Truth.Lane, LaneShift);
            var estimate = analyzer.Analyze(image, lane, reference);
            var result = new SceneResult(seed, scene.Truth, estimate, scene.Truth.MetresAlongLane(estimate.QueueEnd));
            results.Add(result);
            if (MissesFolder is { } folder && (!result.CountOk || !result.EndOk))
            {
                // Looking at a miss is how the estimator improves: BORDERWATCH_SCENE_MISSES=DIR keeps its overlay.
                using var overlay = QueueOverlay.Draw(image, lane, estimate);
                Directory.CreateDirectory(folder);
                Cv2.ImWrite(Path.Combine(folder, $"{seed:000}.png"), overlay);
                Cv2.ImWrite(Path.Combine(folder, $"{seed:000}.scene.png"), image);
            }
        }

        var countOk = results.Count(r => r.CountOk);
        var endOk = results.Count(r => r.EndOk);
        output.WriteLine(Distribution(results));
        Assert.True(countOk >= Scenes * TargetShare, $"vehicle count within ±10 % or ±1 in {countOk}/{Scenes} scenes (target 90 %)");
        Assert.True(endOk >= Scenes * TargetShare, $"queue end within 5 % of the lane in {endOk}/{Scenes} scenes (target 90 %)");
    }

    private static string? MissesFolder => System.Environment.GetEnvironmentVariable("BORDERWATCH_SCENE_MISSES");

    /// <summary>
    /// Seeds 1–200 by default. BORDERWATCH_SCENE_FIRST_SEED=1001 draws 200 other scenes: a held-out set that shows
    /// whether a change to the estimator helps scenes it was not tuned on.
    /// </summary>
    private static int FirstSeed =>
        int.TryParse(System.Environment.GetEnvironmentVariable("BORDERWATCH_SCENE_FIRST_SEED"), CultureInfo.InvariantCulture, out var seed) && seed > 0
            ? seed
            : 1;

    /// <summary>
    /// BORDERWATCH_SCENE_LANE_SHIFT=0.15 draws every lane that share of its width to one side (negative: the other),
    /// as a hurried analyst might: how much the figures depend on a well-centred lane. Default 0.
    /// </summary>
    private static double LaneShift =>
        double.TryParse(System.Environment.GetEnvironmentVariable("BORDERWATCH_SCENE_LANE_SHIFT"), NumberStyles.Float, CultureInfo.InvariantCulture, out var shift)
            ? shift
            : 0;

    private static LaneProfile Shifted(LaneProfile lane, double share)
    {
        if (share == 0 || lane.Widths is not { } widths)
        {
            return lane;
        }

        var points = new List<PixelPoint>();
        for (var k = 0; k < lane.Points.Count; k++)
        {
            var from = lane.Points[Math.Max(0, k - 1)];
            var to = lane.Points[Math.Min(lane.Points.Count - 1, k + 1)];
            var (dx, dy) = (to.X - from.X, to.Y - from.Y);
            var length = Math.Sqrt((dx * dx) + (dy * dy));
            var offset = share * widths[k] / length;
            points.Add(new PixelPoint(lane.Points[k].X - (dy * offset), lane.Points[k].Y + (dx * offset)));
        }

        return new LaneProfile(points, widths);
    }

    private static Mat ThroughJpeg(Mat image, int quality)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return Cv2.ImDecode(bytes, ImreadModes.Color);
    }

    private static string Distribution(List<SceneResult> results)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{results.Count} scenes: count within ±10 % or ±1 in {results.Count(r => r.CountOk)}, queue end within 5 % of lane in {results.Count(r => r.EndOk)}");
        text.AppendLine("condition   scenes  count ok  end ok  mean |count err|  mean |end err| % lane");
        foreach (var group in results.GroupBy(r => r.Truth.Condition).OrderBy(g => g.Key))
        {
            text.AppendLine(c, $"{group.Key,-10} {group.Count(),7} {group.Count(r => r.CountOk),9} {group.Count(r => r.EndOk),7} {group.Average(r => Math.Abs(r.CountError)),17:0.00} {group.Average(r => r.EndErrorShare * 100),21:0.00}");
        }

        foreach (var (name, filter) in new (string, Func<SceneResult, bool>)[] { ("head near", r => r.Truth.HeadNearCamera), ("head far", r => !r.Truth.HeadNearCamera), ("with ref", r => r.Estimate.UsedReference) })
        {
            var group = results.Where(filter).ToList();
            text.AppendLine(c, $"{name,-10} {group.Count,7} {group.Count(r => r.CountOk),9} {group.Count(r => r.EndOk),7} {group.Average(r => Math.Abs(r.CountError)),17:0.00} {group.Average(r => r.EndErrorShare * 100),21:0.00}");
        }

        text.AppendLine("count error (estimated − true) histogram:");
        foreach (var bucket in results.GroupBy(r => Math.Clamp(r.CountError, -6, 6)).OrderBy(g => g.Key))
        {
            text.AppendLine(c, $"  {bucket.Key,3}: {new string('#', bucket.Count())} {bucket.Count()}");
        }

        text.AppendLine("queue end error, % of lane length:");
        foreach (var (low, high) in new[] { (0.0, 1.0), (1, 2), (2, 3), (3, 5), (5, 10), (10, 20), (20, 1000) })
        {
            var n = results.Count(r => r.EndErrorShare * 100 >= low && r.EndErrorShare * 100 < high);
            text.AppendLine(c, $"  {low,3:0}–{high,-4:0}: {new string('#', n)} {n}");
        }

        text.AppendLine("misses (seed condition head true/est vehicles, true/est end m, lane m, confidence):");
        foreach (var r in results.Where(r => !r.CountOk || !r.EndOk))
        {
            text.AppendLine(c, $"  {r.Seed,3} {r.Truth.Condition,-8} {(r.Truth.HeadNearCamera ? "near" : "far "),-4} {r.Truth.Vehicles,3}/{r.Estimate.Vehicles,-3} trucks {r.Truth.Trucks,2}  {r.Truth.QueueEndMetres,6:0.0}/{r.EstimatedEndMetres,-6:0.0} lane {r.Truth.LaneLengthMetres,5:0}/{r.Estimate.LaneLengthMetres,-5:0} conf {r.Estimate.Confidence:0.00}");
        }

        return text.ToString();
    }

    private sealed record SceneResult(int Seed, SceneTruth Truth, QueueEstimate Estimate, double EstimatedEndMetres)
    {
        public int CountError => Estimate.Vehicles - Truth.Vehicles;

        public bool CountOk => Math.Abs(CountError) <= Math.Max(1, Truth.Vehicles * 0.1);

        public double EndErrorShare => Math.Abs(EstimatedEndMetres - Truth.QueueEndMetres) / Truth.LaneLengthMetres;

        public bool EndOk => EndErrorShare <= 0.05;
    }
}
