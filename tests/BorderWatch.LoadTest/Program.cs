using System.Globalization;
using BorderWatch.LoadTest;

// Usage: dotnet run -c Release --project tests/BorderWatch.LoadTest -- ingest|live|embeds|dashboard|export|all [--seconds N] [--concurrency N]
//        ingest: [--rate 3000] (then an open-loop run at that fixed rate; 0 skips it)
//        embeds: [--viewers 1,1000,2500,5000,10000] [--updates 30]
//        dashboard: [--crossings 500] [--readings 1000000] [--dashboards 20] [--samples 7] [--census] (bytes per page by type)
//        export: [--readings 1000000] (not part of "all": it builds a database of a million readings once)
var verb = args.Length > 0 ? args[0] : "all";
var seconds = Option("--seconds", 15);
var concurrency = Option("--concurrency", 64);
var root = FindRoot();
Console.WriteLine($"BorderWatch load test on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

if (verb is "ingest" or "all")
{
    await IngestLoad.RunAsync(root, TimeSpan.FromSeconds(seconds), concurrency, Option("--rate", 3000));
}

if (verb is "live" or "all")
{
    foreach (var clients in new[] { 1, 1000 })
    {
        await LiveLoad.RunAsync(root, clients, readings: 200);
    }
}

if (verb is "embeds")
{
    var viewers = Text("--viewers", "1,1000,2500,5000,10000").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    await EmbedLoad.RunAsync(root, viewers, Option("--updates", 30));
}

if (verb is "dashboard" or "all")
{
    await DashboardLoad.RunAsync(root, Option("--crossings", 500), Option("--readings", 1_000_000), Option("--dashboards", 20), Option("--samples", 7), args.Contains("--census"));
}

if (verb is "export")
{
    // Not part of "all": it builds (once) a database of a million readings.
    await ExportLoad.RunAsync(root, Option("--readings", 1_000_000));
}

return 0;

string Text(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "BorderWatch.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}
