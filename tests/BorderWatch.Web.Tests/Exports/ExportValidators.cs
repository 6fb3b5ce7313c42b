using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BorderWatch.Testing;

namespace BorderWatch.Web.Tests.Exports;

/// <summary>Runs the npm validators of validators/ (installed by the test project's build) with Node.js.</summary>
internal static class ExportValidators
{
    /// <summary>CsvHelper in strict mode: malformed quoting, ragged records and missing fields throw.</summary>
    public static CsvHelper.CsvReaderOptions StrictCsv { get; } = CsvHelper.CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvHelper.CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Throw,
        MissingField = CsvHelper.CsvMissingFieldHandling.Throw,
        DetectSeparatorHint = false,
    };

    /// <summary>Asserts a 400 problem details response whose errors name <paramref name="field"/>.</summary>
    public static async Task AssertProblemNamesAsync(HttpResponseMessage response, string field)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.GetRawText());
    }

    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "validators");
            if (File.Exists(Path.Combine(candidate, "check-geojson.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("validators/check-geojson.mjs not found above the test binaries.");
    });

    /// <summary>The issues @placemarkio/check-geojson finds in <paramref name="geoJson"/> (empty when valid).</summary>
    public static async Task<List<string>> CheckGeoJsonAsync(byte[] geoJson)
    {
        var file = Path.Combine(TestArtifacts.Directory("exports"), $"check-{Guid.NewGuid():N}.geojson");
        await File.WriteAllBytesAsync(file, geoJson);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(Folder.Value, "check-geojson.mjs"), file])
            {
                WorkingDirectory = Folder.Value,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"check-geojson failed to run (exit {process.ExitCode}): {error}");
            }

            using var issues = JsonDocument.Parse(output);
            return [.. issues.RootElement.EnumerateArray().Select(i => i.GetProperty("message").GetString()!)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Decodes strict UTF-8 (throws on invalid bytes) and refuses a byte order mark.</summary>
    public static string StrictUtf8(byte[] bytes)
    {
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The file starts with a byte order mark.");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
    }
}
