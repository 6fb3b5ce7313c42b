using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BorderWatch.Core.Serialization;
using BorderWatch.Vision.Synthesis;
using OpenCvSharp;

namespace BorderWatch.Cli.Commands;

/// <summary>
/// <c>borderwatch synth --out DIR [--count N] [--seed S] [--width W] [--height H]</c>: generated road scenes with
/// exact ground truth, for tests, benchmarks and demo data. Each scene's truth line can be piped into
/// <c>analyze --jsonl</c> as it is.
/// </summary>
internal static class SynthCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the images and truth.jsonl.", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "How many scenes.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed", "-s") { Description = "First seed; scene i uses seed + i (the same seed gives the same scene).", DefaultValueFactory = _ => 1 };
        var width = new Option<int>("--width") { Description = "Image width in pixels.", DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = "Image height in pixels.", DefaultValueFactory = _ => 720 };
        var command = new Command("synth", "Generate road scenes with queues (daylight, dusk, rain, trucks, gaps) and their exact ground truth.") { output, count, seed, width, height };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 100_000)
            {
                throw new CliException("--count must be between 1 and 100000.", ExitCodes.Usage);
            }

            SceneSynthesizer synthesizer;
            try
            {
                synthesizer = new SceneSynthesizer(parse.GetValue(width), parse.GetValue(height));
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter", StringSplitOptions.None)[0], ExitCodes.Usage);
            }

            var folder = parse.GetValue(output)!;
            folder.Create();
            var truthPath = Path.Combine(folder.FullName, "truth.jsonl");
            await using var truth = new StreamWriter(truthPath);
            var first = parse.GetValue(seed);
            for (var i = 0; i < n; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = string.Create(CultureInfo.InvariantCulture, $"scene{first + i:D4}");
                using var scene = synthesizer.Generate(first + i);
                var image = Path.Combine(folder.FullName, id + ".jpg");
                var empty = Path.Combine(folder.FullName, id + ".empty.jpg");
                Cv2.ImWrite(image, scene.Image, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
                Cv2.ImWrite(empty, scene.EmptyRoad, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
                var t = scene.Truth;
                var line = JsonSerializer.Serialize(new
                {
                    id,
                    image,
                    lane = t.Lane.FormatPoints(),
                    laneWidth = t.Lane.FormatWidths(),
                    reference = empty,
                    condition = t.Condition,
                    vehicles = t.Vehicles,
                    trucks = t.Trucks,
                    queueEnd = new[] { Math.Round(t.QueueEnd.X, 1), Math.Round(t.QueueEnd.Y, 1) },
                    queueLengthM = Math.Round(t.QueueEndMetres, 2),
                    laneLengthM = Math.Round(t.LaneLengthMetres, 2),
                    headNearCamera = t.HeadNearCamera,
                }, BorderWatchJson.Options);
                await truth.WriteLineAsync(line);
                await console.Out.WriteLineAsync(line);
            }

            await console.Error.WriteLineAsync($"{n} scenes written to {folder.FullName} (truth in truth.jsonl).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
