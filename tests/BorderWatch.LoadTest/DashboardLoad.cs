using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace BorderWatch.LoadTest;

/// <summary>
/// The analyst's dashboard under a large database: time to first map paint and to interactive in Debian's Chromium,
/// managed server memory per open dashboard, and its WebSocket traffic per live update. Each figure comes with a
/// baseline measured in the same run: the built-in gazetteer on an empty database, a minimal Blazor page, and the
/// hub's JSON for the same update.
/// </summary>
internal static class DashboardLoad
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>Records when the page marks itself interactive (circuit up, or live page subscribed), in the page's own clock (ms since navigation).</summary>
    private const string InteractiveProbe =
        """
        (() => {
          const mark = () => {
            if (!window.__bwInteractiveAt && document.querySelector('[data-testid=interactive]')) {
              window.__bwInteractiveAt = performance.now();
            }
          };
          new MutationObserver(mark).observe(document, { childList: true, subtree: true });
        })();
        """;

    public static async Task RunAsync(string root, int crossings, int readings, int dashboards, int samples, bool census = false)
    {
        Console.WriteLine();
        Console.WriteLine($"## Dashboard: {crossings} crossings and {readings:N0} readings; {dashboards} open dashboards; {samples} page loads per figure");
        var directory = Directory.CreateTempSubdirectory("borderwatch-dashboard-").FullName;
        try
        {
            var (gazetteerFile, databaseFile) = await DashboardData.CreateAsync(directory, crossings, readings);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
            });

            PageTimes blank, emptyMap;
            await using (var empty = await ServerProcess.StartAsync(root))
            {
                blank = await MeasureLoadsAsync(browser, empty.Address, "crossings/none", map: false, samples);
                emptyMap = await MeasureLoadsAsync(browser, empty.Address, "", map: true, samples);
            }

            await using var loaded = await ServerProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = $"Data Source={databaseFile}",
                ["Gazetteer__ExtraFile"] = gazetteerFile,
                // The page's static files come over a handful of keep-alive HTTP connections that Kestrel keeps for
                // 130 s; closing them after 5 s lets the memory figure show the open pages alone.
                ["Kestrel__Limits__KeepAliveTimeout"] = "00:00:05",
            });
            var loadedMap = await MeasureLoadsAsync(browser, loaded.Address, "", map: true, samples);

            Console.WriteLine("- Page load (cold browser cache, 1920×1080; median / p90 over the loads after two warm-ups, ms from navigation start):");
            Console.WriteLine($"  - minimal Blazor page, interactive: {PageTimes.Format(blank.Interactive)}");
            Console.WriteLine($"  - map, 49 crossings, empty database: first map paint {PageTimes.Format(emptyMap.Painted)}; interactive {PageTimes.Format(emptyMap.Interactive)}");
            Console.WriteLine($"  - map, {crossings} crossings, {readings:N0} readings: first map paint {PageTimes.Format(loadedMap.Painted)}; interactive {PageTimes.Format(loadedMap.Interactive)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  - ratios (medians): loaded map / empty map interactive {loadedMap.InteractiveMedian / emptyMap.InteractiveMedian:0.00}; loaded map / minimal page interactive {loadedMap.InteractiveMedian / blank.InteractiveMedian:0.00}"));

            await MeasureMemoryAsync(browser, loaded, dashboards, census);
            await MeasureTrafficAsync(browser, loaded, updates: 40);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<PageTimes> MeasureLoadsAsync(IBrowser browser, Uri server, string path, bool map, int samples)
    {
        var painted = new List<double>();
        var interactive = new List<double>();
        for (var i = 0; i < samples + 2; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            await context.AddInitScriptAsync(InteractiveProbe);
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(new Uri(server, path).ToString());
            if (map)
            {
                await page.Locator("[data-testid=map][data-ready=true][data-painted=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }

            await page.WaitForFunctionAsync("() => window.__bwInteractiveAt");
            var times = await page.EvaluateAsync<double[]>(
                """
                () => [
                  performance.getEntriesByName('bw-map-painted')[0]?.startTime ?? -1,
                  performance.getEntriesByName('bw-map-interactive')[0]?.startTime ?? -1,
                  window.__bwInteractiveAt,
                ]
                """);
            if (i < 2)
            {
                continue; // warm-up: the server's first requests pay for JIT compilation
            }

            painted.Add(times[0]);
            // The map is interactive when the page takes events and updates and the markers are on it.
            interactive.Add(Math.Max(times[1], times[2]));
        }

        return new PageTimes(new Stats(painted), new Stats(interactive));
    }

    /// <summary>The types whose reachable bytes grew most between two censuses, per page opened in between.</summary>
    private static void PrintCensus(ManagedHeap before, ManagedHeap after, int count, string what)
    {
        Console.WriteLine($"  - census, bytes per {what} by type (largest 25):");
        foreach (var (type, bytes) in after.BytesByType
            .Select(entry => (entry.Key, (entry.Value - before.BytesByType.GetValueOrDefault(entry.Key)) / (double)count))
            .OrderByDescending(entry => entry.Item2)
            .Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {bytes,10:N0}  {type}"));
        }
    }

    private static async Task MeasureMemoryAsync(IBrowser browser, ServerProcess server, int count, bool census)
    {
        var settle = TimeSpan.FromSeconds(8); // past the 5 s keep-alive of the pages' HTTP connections
        var contexts = new List<IBrowserContext>();
        try
        {
            await Task.Delay(settle);
            var idle = ManagedHeap.Of(server.ProcessId);
            contexts.AddRange(await OpenAsync(browser, server.Address, "crossings/none", map: false, count));
            await Task.Delay(settle);
            var withBlank = ManagedHeap.Of(server.ProcessId);
            contexts.AddRange(await OpenAsync(browser, server.Address, "", map: true, count));
            await Task.Delay(settle);
            var withMaps = ManagedHeap.Of(server.ProcessId);
            if (census)
            {
                PrintCensus(idle, withBlank, count, "minimal page");
                PrintCensus(withBlank, withMaps, count, "dashboard");
            }

            var perBlank = (withBlank.ReachableBytes - idle.ReachableBytes) / (double)count;
            var perMap = (withMaps.ReachableBytes - withBlank.ReachableBytes) / (double)count;
            Console.WriteLine($"- Server memory, managed objects the server holds (reachable from its roots; idle server: {idle.ReachableBytes / 1048576.0:0.0} MiB):");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  - per open minimal Blazor page (baseline): {perBlank / 1024:0} KiB ({count} pages)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  - per open dashboard (map + side panel, fed by the hub): {perMap / 1024:0} KiB ({count} dashboards); ratio to the minimal page {perMap / perBlank:0.00}"));
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    private static async Task<List<IBrowserContext>> OpenAsync(IBrowser browser, Uri server, string path, bool map, int count)
    {
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < count; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
            contexts.Add(context);
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(new Uri(server, path).ToString());
            if (map)
            {
                await page.Locator("[data-testid=map][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }

            // Both pages mark when they take updates: the circuit is up, or the live page has subscribed to the hub.
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        return contexts;
    }

    private static async Task MeasureTrafficAsync(IBrowser browser, ServerProcess server, int updates)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        long received = 0, sent = 0;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => Interlocked.Add(ref received, Size(frame));
            socket.FrameSent += (_, frame) => Interlocked.Add(ref sent, Size(frame));
        };
        await page.GotoAsync(server.Address.ToString());
        await page.Locator("[data-testid=map][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Task.Delay(3000);

        // What an idle dashboard exchanges anyway (SignalR keep-alives), to subtract.
        var idleStart = (Interlocked.Read(ref received), Interlocked.Read(ref sent));
        await Task.Delay(5000);
        var idlePerSecond = (Interlocked.Read(ref received) - idleStart.Item1 + Interlocked.Read(ref sent) - idleStart.Item2) / 5.0;

        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", ServerProcess.ApiKey);
        // Eight crossings spread over the whole list (built-in and generated).
        using var all = JsonDocument.Parse(await http.GetStringAsync("api/crossings"));
        var every = all.RootElement.EnumerateArray().Select(c => c.GetProperty("slug").GetString()!).ToArray();
        var slugs = Enumerable.Range(0, 8).Select(i => every[i * every.Length / 8]).ToArray();
        var random = new Random(5);
        long hubJson = 0;
        var start = (Interlocked.Read(ref received), Interlocked.Read(ref sent));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < updates; i++)
        {
            var slug = slugs[i % slugs.Length];
            using var response = await http.PostAsJsonAsync("api/readings", new { crossing = slug, vehicles = random.Next(10, 4000), confidence = 0.9 });
            var reading = await response.Content.ReadAsStringAsync();
            using var crossing = JsonDocument.Parse(await http.GetStringAsync($"api/crossings/{slug}"));
            // A hub client receives readingAdded(reading) and estimateChanged(estimate) for the same update.
            hubJson += Encoding.UTF8.GetByteCount(reading) + Encoding.UTF8.GetByteCount(crossing.RootElement.GetProperty("estimate").GetRawText());
            // Apart enough that the page's 250 ms throttle sends each update on its own.
            await Task.Delay(500);
        }

        await Task.Delay(1000);
        var total = Interlocked.Read(ref received) - start.Item1 + Interlocked.Read(ref sent) - start.Item2 - (idlePerSecond * clock.Elapsed.TotalSeconds);
        var perUpdate = total / updates;
        var hubPerUpdate = hubJson / (double)updates;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- Dashboard WebSocket traffic per live update (both directions, idle keep-alives of {idlePerSecond:0} B/s subtracted): {perUpdate:0} B; baseline, the hub's JSON for the same update (readingAdded + estimateChanged): {hubPerUpdate:0} B; ratio {perUpdate / hubPerUpdate:0.00}"));
    }

    private static long Size(IWebSocketFrame frame) =>
        frame.Binary is { } binary ? binary.Length : Encoding.UTF8.GetByteCount(frame.Text ?? "");

    private sealed record PageTimes(Stats Painted, Stats Interactive)
    {
        public double InteractiveMedian => Interactive.Percentile(50);

        public static string Format(Stats stats) => string.Create(CultureInfo.InvariantCulture, $"{stats.Percentile(50):0} / {stats.Percentile(90):0}");
    }
}
