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
        var received = new ConcurrentDictionary<long, ConcurrentBag<long>>();
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
                        received.GetOrAdd(reading.GetProperty("id").GetInt64(), _ => []).Add(at);
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
            // Wait until every client has it (or give up after 5 s and count the rest as lost).
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while ((!received.TryGetValue(id, out var bag) || bag.Count < clientCount) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(1);
            }

            if (i < 20)
            {
                continue; // warm-up
            }

            var times = received.TryGetValue(id, out var all) ? all.ToArray() : [];
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
}
