using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BorderWatch.Vision;
using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Imaging;
using BorderWatch.Vision.Queues;
using BorderWatch.Vision.Synthesis;
using OpenCvSharp;

namespace BorderWatch.Benchmarks;

/// <summary>
/// Analysing a 1920×1080 JPEG webcam frame (decode + queue estimate) against the floor: a bare <c>Cv2.ImDecode</c>
/// of the same bytes. Pinned to one core with OpenCV's own threads off, so 1 / mean is images per second per core.
/// The full store path (checks, estimate, face and plate blurring, re-encoding, overlay) is measured beside it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCore))]
public class LaneAnalysisBenchmarks
{
    private byte[] _jpeg = [];
    private Mat _reference = new();
    private LaneProfile _lane = default!;
    private QueueAnalyzer _analyzer = default!;
    private VisionEngine _engine = default!;

    [GlobalSetup]
    public void Setup()
    {
        Cv2.SetNumThreads(1);
        using var scene = new SceneSynthesizer(1920, 1080).Generate(7);
        Cv2.ImEncode(".jpg", scene.Image, out _jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        _reference = scene.EmptyRoad.Clone();
        _lane = scene.Truth.Lane;
        _analyzer = new QueueAnalyzer();
        _engine = new VisionEngine(new ImageLimits(), VisionEnvironment.Check());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reference.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ImDecode only")]
    public int Decode()
    {
        using var image = Cv2.ImDecode(_jpeg, ImreadModes.Color);
        return image.Width;
    }

    [Benchmark(Description = "Decode + estimate")]
    public int DecodeAndEstimate()
    {
        using var image = Cv2.ImDecode(_jpeg, ImreadModes.Color);
        return _analyzer.Analyze(image, _lane).Vehicles;
    }

    [Benchmark(Description = "Decode + estimate against a reference")]
    public int DecodeAndEstimateWithReference()
    {
        using var image = Cv2.ImDecode(_jpeg, ImreadModes.Color);
        return _analyzer.Analyze(image, _lane, _reference).Vehicles;
    }

    [Benchmark(Description = "Store path: checks, estimate, blur, re-encode, overlay")]
    public int FullStorePath() => _engine.Analyze(_jpeg, _lane).Value!.Estimate.Vehicles;

    private sealed class OneCore : ManualConfig
    {
        public OneCore() =>
            AddJob(Job.Default.WithAffinity(1).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithId("one-core"));
    }
}
