using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;

namespace BorderWatch.LoadTest;

/// <summary>
/// Embed viewers at scale: thousands of hub connections, each subscribed to one crossing the way the widget script
/// subscribes (WebSockets without negotiate, <c>SubscribeEmbed</c>), and one reading per second posted through the API.
/// Each viewer's receipt of <c>embedEstimate</c> is timed against the POST. Steps up the number of viewers and reports
/// delivery latency and the server's memory per viewer at each step; the 1-viewer step is the baseline.
/// </summary>
/// <remarks>
/// The viewers are raw <see cref="ClientWebSocket"/>s speaking the SignalR JSON protocol (handshake, invocation, pings):
/// a full HubConnection per viewer would make the load tool, not the server, the bottleneck on a 2-core machine.
/// </remarks>
internal static class EmbedLoad
{
    private const string Crossing = "upper-lars";
    private const char RecordSeparator = '\u001e';

    public static async Task RunAsync(string root, IReadOnlyList<int> steps, int updates)
    {
        // No live-viewer limit: this measures where the limit should be.
        await using var server = await ServerProcess.StartAsync(root, new Dictionary<string, string> { ["Embeds__MaxLiveViewers"] = "0" });
        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", ServerProcess.ApiKey);
        var hub = new UriBuilder(server.Address) { Scheme = "ws", Path = "hubs/queues" }.Uri;

        // Warm up the pipeline, the hub and the JIT, then take the idle baseline.
        var clock = new UpdateClock(DateTimeOffset.UtcNow.AddMinutes(-30));
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(http, clock, i);
        }

        await Task.Delay(2000);
        var idle = server.WorkingSet();
        Console.WriteLine();
        Console.WriteLine($"## Embed viewers: hub connections subscribed to '{Crossing}' (SubscribeEmbed), {updates} updates at 1 per second per step");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- Idle server after warm-up: working set {Mib(idle)} MiB (fd limit of this process: {FdLimit()})"));
        Console.WriteLine("| viewers | connect s | server MiB | KiB/viewer over 1-viewer step | p50 ms | p99 ms | max ms | lost | server CPU ms/update | load tool CPU ms/update | load avg |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var viewers = new List<Viewer>();
        using var stop = new CancellationTokenSource();
        var pinger = PingAsync(viewers, stop.Token);
        long? oneViewerMemory = null;
        var next = 5;
        try
        {
            foreach (var target in steps)
            {
                var connect = Stopwatch.StartNew();
                await ConnectAsync(hub, viewers, target, stop.Token);
                connect.Stop();
                await Task.Delay(3000);
                var memory = server.WorkingSet();
                oneViewerMemory ??= memory;

                var sent = new long[updates];
                var latencies = new List<double>(updates * target);
                foreach (var viewer in viewers)
                {
                    viewer.Reset(clock, next, updates);
                }

                var serverCpu = server.CpuTime();
                var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < updates; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    sent[i] = started;
                    await PostAsync(http, clock, next + i);
                    var wait = TimeSpan.FromSeconds(1) - Stopwatch.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }

                // Give the last update its full second (and then some) to arrive everywhere.
                await Task.Delay(3000);
                var serverCpuPerUpdate = (server.CpuTime() - serverCpu).TotalMilliseconds / updates;
                var ownCpuPerUpdate = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds / updates;
                long lost = 0;
                foreach (var viewer in viewers)
                {
                    for (var i = 0; i < updates; i++)
                    {
                        var at = viewer.Received[i];
                        if (at == 0)
                        {
                            lost++;
                        }
                        else
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(sent[i], at).TotalMilliseconds);
                        }
                    }
                }

                next += updates;
                var stats = new Stats(latencies);
                var perViewer = target > 1 ? (memory - oneViewerMemory.Value) / 1024.0 / (target - 1) : double.NaN;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {target:N0} | {connect.Elapsed.TotalSeconds:0.0} | {Mib(memory)} | {(double.IsNaN(perViewer) ? "baseline" : perViewer.ToString("0.0", CultureInfo.InvariantCulture))} | {stats.Percentile(50):0.0} | {stats.Percentile(99):0.0} | {stats.Percentile(100):0.0} | {lost} | {serverCpuPerUpdate:0} | {ownCpuPerUpdate:0} | {LoadAverage()} |"));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pinger;
            foreach (var viewer in viewers)
            {
                viewer.Socket.Abort();
                viewer.Socket.Dispose();
            }
        }
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    private static async Task PostAsync(HttpClient http, UpdateClock clock, int index)
    {
        using var response = await http.PostAsJsonAsync("api/readings", new
        {
            crossing = Crossing,
            vehicles = 2000 + (index % 50 * 37),
            observedAt = clock.At(index),
            source = new { name = "embed load test", type = "agent" },
        });
        response.EnsureSuccessStatusCode();
    }

    private static async Task ConnectAsync(Uri hub, List<Viewer> viewers, int target, CancellationToken cancellationToken)
    {
        var missing = target - viewers.Count;
        if (missing <= 0)
        {
            return;
        }

        var added = new Viewer[missing];
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, missing).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                added[i] = await Viewer.ConnectAsync(hub, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        lock (viewers)
        {
            viewers.AddRange(added);
        }
    }

    /// <summary>Every viewer sends a ping each 10 s (the server drops a client silent for 30 s), spread over the interval.</summary>
    private static async Task PingAsync(List<Viewer> viewers, CancellationToken cancellationToken)
    {
        var ping = Encoding.UTF8.GetBytes("{\"type\":6}" + RecordSeparator);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Viewer[] all;
                lock (viewers)
                {
                    all = [.. viewers];
                }

                var slice = TimeSpan.FromMilliseconds(10_000.0 / 20);
                for (var part = 0; part < 20; part++)
                {
                    var started = Stopwatch.GetTimestamp();
                    for (var i = part; i < all.Length; i += 20)
                    {
                        await all[i].SendAsync(ping, cancellationToken);
                    }

                    var wait = slice - Stopwatch.GetElapsedTime(started);
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The machine's 1-minute load average: other work on the shared 2 cores shows here.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string FdLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            return line is null ? "unknown" : string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3..5]);
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Update i is the reading observed at a distinct second, so the estimate's asOf says which update arrived.</summary>
    private sealed class UpdateClock(DateTimeOffset start)
    {
        private readonly DateTimeOffset _start = new(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, TimeSpan.Zero);

        public DateTimeOffset At(int index) => _start.AddSeconds(index);

        /// <summary>The update an asOf text (UTF-8, ISO 8601) belongs to, or -1.</summary>
        public int IndexOf(ReadOnlySpan<byte> asOf) =>
            DateTimeOffset.TryParse(Encoding.UTF8.GetString(asOf), CultureInfo.InvariantCulture, out var time) ? (int)(time - _start).TotalSeconds : -1;
    }

    /// <summary>One embed viewer: a WebSocket, the SignalR JSON handshake, SubscribeEmbed, and receive times by update.</summary>
    private sealed class Viewer
    {
        private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        private static readonly byte[] Subscribe = Encoding.UTF8.GetBytes(
            $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubscribeEmbed\",\"arguments\":[\"{Crossing}\"]}}{RecordSeparator}");
        private static readonly byte[] AsOfMarker = Encoding.UTF8.GetBytes("\"asOf\":\"");
        private static readonly byte[] Target = Encoding.UTF8.GetBytes("\"target\":\"embedEstimate\"");

        private readonly SemaphoreSlim _sending = new(1);
        private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile State? _state;

        private Viewer(ClientWebSocket socket) => Socket = socket;

        public ClientWebSocket Socket { get; }

        public long[] Received => _state?.Received ?? [];

        public static async Task<Viewer> ConnectAsync(Uri hub, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(hub, cancellationToken);
            var viewer = new Viewer(socket);
            await viewer.SendAsync(Handshake, cancellationToken);
            _ = viewer.ReceiveLoopAsync(cancellationToken);
            await viewer.SendAsync(Subscribe, cancellationToken);
            await viewer._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return viewer;
        }

        public void Reset(UpdateClock clock, int first, int count) => _state = new State(clock, first, new long[count]);

        public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                if (Socket.State == WebSocketState.Open)
                {
                    await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }
            }
            catch (WebSocketException)
            {
            }
            finally
            {
                _sending.Release();
            }
        }

        private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[2048];
            var message = new ArrayBufferWriter<byte>(1024);
            try
            {
                while (Socket.State == WebSocketState.Open)
                {
                    var result = await Socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    var at = Stopwatch.GetTimestamp();
                    message.Write(buffer.AsSpan(0, result.Count));
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    Handle(message.WrittenSpan, at);
                    message.ResetWrittenCount();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        private void Handle(ReadOnlySpan<byte> frame, long at)
        {
            // A frame may hold several records; the handshake answer "{}" and the completion of SubscribeEmbed come first.
            foreach (var range in frame.Split((byte)RecordSeparator))
            {
                var record = frame[range];
                if (record.Length == 0)
                {
                    continue;
                }

                if (record.IndexOf("\"type\":3"u8) >= 0)
                {
                    _subscribed.TrySetResult();
                    continue;
                }

                if (record.IndexOf(Target) < 0 || _state is not { } state)
                {
                    continue;
                }

                var start = record.IndexOf(AsOfMarker);
                if (start < 0)
                {
                    continue;
                }

                var rest = record[(start + AsOfMarker.Length)..];
                var index = state.Clock.IndexOf(rest[..rest.IndexOf((byte)'"')]) - state.First;
                if (index >= 0 && index < state.Received.Length && state.Received[index] == 0)
                {
                    state.Received[index] = at;
                }
            }
        }

        private sealed record State(UpdateClock Clock, int First, long[] Received);
    }
}
