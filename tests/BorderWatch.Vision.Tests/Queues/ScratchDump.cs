using BorderWatch.Vision.Queues;
using BorderWatch.Vision.Synthesis;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Queues;

public sealed class ScratchDump
{
    [Fact]
    public void Dump()
    {
        var synthesizer = new SceneSynthesizer(960, 540);
        foreach (var seed in (System.Environment.GetEnvironmentVariable("SEEDS") ?? "1 2 3 4 5 6 7 8").Split(' '))
        {
            using var scene = synthesizer.Generate(int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture));
            var lane = scene.Truth.Lane;
            var s = int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture);
            var estimate = new QueueAnalyzer().Analyze(scene.Image, lane, s % 4 == 0 ? scene.EmptyRoad : null);
            using var overlay = QueueOverlay.Draw(scene.Image, lane, estimate);
            Cv2.Circle(overlay, new Point(scene.Truth.QueueEnd.X, scene.Truth.QueueEnd.Y), 6, Scalar.Magenta, 2);
            Cv2.PutText(overlay, $"{seed} {scene.Truth.Condition} n={scene.Truth.Vehicles} end={scene.Truth.QueueEndMetres:0} L={scene.Truth.LaneLengthMetres:0}", new Point(10, 60), HersheyFonts.HersheySimplex, 0.7, Scalar.Yellow, 2);
            Cv2.ImWrite($"/tmp/i3view/scene{seed}.jpg", overlay);
        }
    }
}
