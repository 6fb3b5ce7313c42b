using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace BorderWatch.LoadTest;

/// <summary>
/// N real SignalR clients subscribed to one crossing; readings are posted one at a time and each client's receipt
/// of readingAdded is timed against the moment the POST was sent and the moment it returned.
/// </summary>
internal static class LiveLoad
{
    public static async Task RunAsync(string root, int clientCount, int readings)
    {
        await using var server = await ServerProcess.StartAsync(root);
        var memoryBefore = server.WorkingSet();
        var received = new ConcurrentDictionary<long, Delivery>();
        var connections = new List<HubConnection>(clientCount);
        var connect = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(50))
        {
            await Task.WhenAll(Enumerable.Range(0, clientCount).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    var connection = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "hubs/queues")).Build();
                    connection.On<JsonElement>("readingAdded", reading =>
                    {
                        var at = Stopwatch.GetTimestamp();
                        received.GetOrAdd(reading.GetProperty("id").GetInt64(), _ => new Delivery(clientCount)).Add(at);
                    });
                    await connection.StartAsync();
                    await connection.InvokeAsync("Subscribe", "upper-lars");
                    lock (connections)
                    {
                        connections.Add(connection);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        connect.Stop();
        await Task.Delay(1000);
        var memoryConnected = server.WorkingSet();

        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", ServerProcess.ApiKey);
        var fromSend = new List<double>();
        var fromReturn = new List<double>();
        var lost = 0;
        for (var i = 0; i < readings + 20; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("api/readings", new { crossing = "upper-lars", vehicles = 3000 + i });
            var returned = Stopwatch.GetTimestamp();
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            // Wait until every client has it (or give up after 5 s and count the rest as lost). Waiting on a task, not
            // polling a count: the waiting must not take CPU or locks from the 1,000 receive loops it is timing.
            var delivery = received.GetOrAdd(id, _ => new Delivery(clientCount));
            try
            {
                await delivery.All.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
            }

            if (i < 20)
            {
                continue; // warm-up
            }

            var times = delivery.Times();
            lost += clientCount - times.Length;
            foreach (var at in times)
            {
                fromSend.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                fromReturn.Add(Math.Max(0, Stopwatch.GetElapsedTime(returned, at).TotalMilliseconds));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## Live: {clientCount} hub client(s) subscribed to one crossing, {readings} readings posted one by one");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- POST sent → readingAdded received: {new Stats(fromSend).Summary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- POST returned → received (0 when it arrived first): {new Stats(fromReturn).Summary()}"));
        Console.WriteLine($"- Deliveries lost: {lost}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- Connected {clientCount} clients in {connect.Elapsed.TotalSeconds:0.0} s; server working set {memoryBefore / 1048576.0:0} → {memoryConnected / 1048576.0:0} MiB ({(memoryConnected - memoryBefore) / 1024.0 / clientCount:0.0} KiB per connection)"));

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>When each client received one reading: a slot per client, filled lock-free.</summary>
    private sealed class Delivery(int clients)
    {
        private readonly long[] _times = new long[clients];
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task All => _all.Task;

        public void Add(long timestamp)
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            if (slot < _times.Length)
            {
                _times[slot] = timestamp;
            }

            if (slot == _times.Length - 1)
            {
                _all.TrySetResult();
            }
        }

        /// <summary>The receipts (once all arrived, waiting a moment for a writer between its increment and its write).</summary>
        public long[] Times()
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref _count) < _times.Length || Array.TrueForAll(_times, t => t != 0), 100);
            return [.. _times.Where(t => t != 0)];
        }
    }
}
