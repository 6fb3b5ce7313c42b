using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BorderWatch.Core.Serialization;
using BorderWatch.Vision;
using BorderWatch.Vision.Environment;
using BorderWatch.Vision.Imaging;
using BorderWatch.Vision.Queues;
using OpenCvSharp;

namespace BorderWatch.Cli.Commands;

/// <summary>
/// <c>borderwatch analyze --image F --lane "x,y x,y …" [--lane-width "w w …"] [--reference EMPTY] [--overlay OUT.png] --json</c>
/// and <c>borderwatch analyze --jsonl</c> (one request per stdin line): the queue along a lane, offline.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Option<FileInfo?>("--image", "-i") { Description = "The image (JPEG, PNG or WebP)." };
        var lane = new Option<string?>("--lane", "-l") { Description = "Lane points in pixels from the queue head (the gate) outward: \"x,y x,y …\"." };
        var laneWidth = new Option<string?>("--lane-width", "-w") { Description = "Lane width in pixels at each point: \"w w …\" (gives perspective and metres)." };
        var reference = new Option<FileInfo?>("--reference", "-r") { Description = "The same view with the road empty." };
        var overlay = new Option<FileInfo?>("--overlay", "-o") { Description = "Write the overlay (what the analyser saw) to this file (.png or .jpg)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read requests {\"id\",\"image\",\"lane\",\"laneWidth\"?} from stdin, one per line; print one result per line." };
        var command = new Command("analyze", "Estimate the queue standing in a lane of an image.") { image, lane, laneWidth, reference, overlay, json, jsonl };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var engine = new VisionEngine(new ImageLimits(), VisionEnvironment.Check());
            if (!engine.Status.CanAnalyse)
            {
                throw new CliException(engine.Status.Problem ?? "The vision engine is not available.");
            }

            if (parse.GetValue(jsonl))
            {
                return await RunBatchAsync(engine, console, cancellationToken);
            }

            var file = parse.GetValue(image) ?? throw new CliException("--image is required (or use --jsonl).", ExitCodes.Usage);
            var profile = ParseLane(parse.GetValue(lane) ?? throw new CliException("--lane is required: \"x,y x,y …\" from the queue head outward.", ExitCodes.Usage), parse.GetValue(laneWidth));
            var result = engine.Analyze(Read(file), profile, parse.GetValue(reference) is { } r ? Read(r) : null);
            if (result.Rejection is { } rejection)
            {
                throw new CliException($"{file.Name}: {rejection.Message}", rejection.Status == 400 ? ExitCodes.Usage : ExitCodes.Failed);
            }

            var analysis = result.Value!;
            if (parse.GetValue(overlay) is { } target)
            {
                WriteOverlay(analysis, target);
                await console.Error.WriteLineAsync($"Overlay written to {target.FullName} (faces and plates blurred).");
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(AnalyzeLine.From(null, analysis.Estimate), BorderWatchJson.Options));
            }
            else
            {
                var e = analysis.Estimate;
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Vehicles} vehicles, queue end at {e.QueueEnd}, {e.QueueFraction:P0} of the lane{(e.QueueLengthMetres is { } m ? $", {m:0} m" : "")}, confidence {e.Confidence:0.00}"));
                foreach (var note in e.Notes)
                {
                    await console.Out.WriteLineAsync("  " + note);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> RunBatchAsync(VisionEngine engine, CliConsole console, CancellationToken cancellationToken)
    {
        var failures = 0;
        var lineNumber = 0;
        while (await console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? id = null;
            try
            {
                var request = JsonSerializer.Deserialize<AnalyzeRequest>(line, BorderWatchJson.Options)
                    ?? throw new CliException("the line is null");
                id = request.Id;
                var laneText = AsText(request.Lane, "lane");
                if (string.IsNullOrWhiteSpace(request.Image) || string.IsNullOrWhiteSpace(laneText))
                {
                    throw new CliException("\"image\" and \"lane\" are required");
                }

                var profile = ParseLane(laneText, AsText(request.LaneWidth, "laneWidth"));
                var result = engine.Analyze(Read(new FileInfo(request.Image)), profile);
                if (result.Rejection is { } rejection)
                {
                    throw new CliException(rejection.Message);
                }

                await console.Out.WriteLineAsync(JsonSerializer.Serialize(AnalyzeLine.From(id, result.Value!.Estimate), BorderWatchJson.Options));
            }
            catch (Exception ex) when (ex is CliException or JsonException)
            {
                failures++;
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new AnalyzeError(id, ex.Message), BorderWatchJson.Options));
                await console.Error.WriteLineAsync($"borderwatch: line {lineNumber}: {ex.Message}");
            }
        }

        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    internal static LaneProfile ParseLane(string lane, string? widths)
    {
        var points = LaneProfile.ParsePoints(lane, out var error) ?? throw new CliException("--lane: " + error, ExitCodes.Usage);
        var parsedWidths = LaneProfile.ParseNumbers(widths, out error);
        if (error is not null)
        {
            throw new CliException("--lane-width: " + error, ExitCodes.Usage);
        }

        if (points.Count < 2)
        {
            throw new CliException("--lane: a lane needs at least two points, from the queue head outward.", ExitCodes.Usage);
        }

        if (parsedWidths is not null && parsedWidths.Count != points.Count)
        {
            throw new CliException($"--lane-width: give one width per point ({points.Count} points, {parsedWidths.Count} widths).", ExitCodes.Usage);
        }

        return new LaneProfile(points, parsedWidths);
    }

    internal static byte[] Read(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"There is no file '{file.FullName}'.", ExitCodes.Usage);
        }

        return File.ReadAllBytes(file.FullName);
    }

    private static void WriteOverlay(ImageAnalysis analysis, FileInfo target)
    {
        if (analysis.OverlayJpeg is not { } jpeg)
        {
            throw new CliException("The overlay needs the face and plate cascades (opencv-data) so it can be blurred first; install them.");
        }

        target.Directory?.Create();
        if (target.Extension.Equals(".jpg", StringComparison.OrdinalIgnoreCase) || target.Extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(target.FullName, jpeg);
            return;
        }

        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (!Cv2.ImWrite(target.FullName, decoded))
        {
            throw new CliException($"Could not write '{target.FullName}': use .png or .jpg.");
        }
    }

    /// <summary>A lane as "x,y x,y" or [[x,y],…]; widths as "w w" or [w,…].</summary>
    private static string? AsText(JsonElement? value, string field) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Array } v => string.Join(' ', v.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Array
            ? string.Join(',', item.EnumerateArray().Select(n => n.GetDouble().ToString(CultureInfo.InvariantCulture)))
            : item.GetDouble().ToString(CultureInfo.InvariantCulture))),
        _ => throw new CliException($"\"{field}\" must be a string or an array"),
    };

    private sealed record AnalyzeRequest(string? Id, string? Image, JsonElement? Lane, JsonElement? LaneWidth);

    private sealed record AnalyzeError([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Id, string Error);
}

/// <summary>One result line of <c>analyze</c>, in the contract's shape.</summary>
internal sealed record AnalyzeLine(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    int Vehicles,
    double[] QueueEnd,
    double QueueFraction,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? QueueLengthM,
    double Confidence)
{
    public static AnalyzeLine From(string? id, QueueEstimate estimate) => new(
        id,
        estimate.Vehicles,
        [Math.Round(estimate.QueueEnd.X, 1), Math.Round(estimate.QueueEnd.Y, 1)],
        Math.Round(estimate.QueueFraction, 3),
        estimate.QueueLengthMetres,
        estimate.Confidence);
}
