using System.CommandLine;
using System.Net.Http.Headers;

namespace BorderWatch.Cli.Commands;

/// <summary>
/// <c>borderwatch push-image --server URL --crossing SLUG --image F [--lane …] [--lane-width …] [--camera ID] [--observed-at T]</c>:
/// uploads a photo or webcam snapshot to a server's <c>POST /api/images</c> with an API key; prints the stored result.
/// </summary>
internal static class PushImageCommand
{
    public const string KeyVariable = "BORDERWATCH_API_KEY";

    public static Command Create(CliConsole console)
    {
        var server = ServerOption.Create();
        var key = new Option<string?>("--key", "-k") { Description = $"Ingest API key (default: the {KeyVariable} environment variable)." };
        var crossing = new Option<string>("--crossing", "-c") { Description = "Crossing slug, e.g. vaalimaa.", Required = true };
        var image = new Option<FileInfo>("--image", "-i") { Description = "The image to send.", Required = true };
        var lane = new Option<string?>("--lane", "-l") { Description = "Lane points \"x,y x,y …\" from the queue head outward (or use --camera)." };
        var laneWidth = new Option<string?>("--lane-width", "-w") { Description = "Lane width in pixels at each point." };
        var camera = new Option<string?>("--camera") { Description = "A calibrated camera's id: its stored lane is used." };
        var observedAt = new Option<DateTimeOffset?>("--observed-at") { Description = "When the picture was taken (ISO 8601); default: now." };
        var command = new Command("push-image", "Send an image to a BorderWatch server for analysis; it is blurred, stripped and stored as a reading.")
        {
            server, key, crossing, image, lane, laneWidth, camera, observedAt,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var apiKey = parse.GetValue(key) ?? System.Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(apiKey))
            {
                throw new CliException($"An API key is needed: --key or the {KeyVariable} environment variable.", ExitCodes.Usage);
            }

            var file = parse.GetValue(image)!;
            var bytes = AnalyzeCommand.Read(file);
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(file.Extension.ToLowerInvariant() switch
            {
                ".png" => "image/png",
                ".webp" => "image/webp",
                _ => "image/jpeg",
            });
            form.Add(content, "image", file.Name);
            form.Add(new StringContent(parse.GetValue(crossing)!), "crossing");
            if (parse.GetValue(lane) is { } l)
            {
                form.Add(new StringContent(l), "lane");
            }

            if (parse.GetValue(laneWidth) is { } w)
            {
                form.Add(new StringContent(w), "laneWidth");
            }

            if (parse.GetValue(camera) is { } c)
            {
                form.Add(new StringContent(c), "camera");
            }

            if (parse.GetValue(observedAt) is { } at)
            {
                form.Add(new StringContent(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)), "observedAt");
            }

            using var http = new HttpClient { BaseAddress = parse.GetValue(server), Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            using var response = await http.PostAsync("api/images", form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"The server refused the image ({(int)response.StatusCode}): {body}");
            }

            await console.Out.WriteLineAsync(body.ReplaceLineEndings(""));
            return ExitCodes.Ok;
        });
        return command;
    }
}
