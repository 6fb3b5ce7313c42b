using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace BorderWatch.Cli.Watching;

/// <param name="Server">Base URL of the BorderWatch server.</param>
/// <param name="Crossing">Only this crossing, or null for all.</param>
/// <param name="MaxRetryDelay">Longest pause between reconnection attempts.</param>
public sealed record WatchOptions(Uri Server, string? Crossing, TimeSpan MaxRetryDelay);

/// <summary>
/// Follows a server's hub and prints every update once, as a JSON line. When the connection drops it reconnects on
/// its own, subscribes again, and fetches the readings stored meanwhile over HTTP, so no update is lost.
/// </summary>
public sealed class LiveWatcher : IAsyncDisposable
{
    private const int PageSize = 1000;

    private readonly WatchOptions _options;
    private readonly CliConsole _console;
    private readonly HttpClient _http;
    private readonly HubConnection _connection;
    private readonly SemaphoreSlim _output = new(1, 1);
    private readonly HashSet<long> _printed = [];
    private readonly Queue<long> _printedOrder = new();
    private long _lastId = -1;

    public LiveWatcher(WatchOptions options, CliConsole console, HttpMessageHandler? handler = null)
    {
        _options = options;
        _console = console;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = options.Server;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Server, "hubs/queues"))
            .WithAutomaticReconnect(new ForeverRetryPolicy(options.MaxRetryDelay))
            .Build();
        _connection.On<JsonElement>("readingAdded", reading => PrintReadingAsync(reading));
        _connection.On<JsonElement>("estimateChanged", estimate => PrintAsync("estimateChanged", "estimate", estimate));
        _connection.Reconnecting += error => StatusAsync($"connection lost ({error?.Message ?? "closed"}); reconnecting…");
        _connection.Reconnected += _ => OnConnectedAsync(CancellationToken.None);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_options.Crossing is { } slug)
        {
            await EnsureCrossingExistsAsync(slug, cancellationToken);
        }

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        while (!cancellationToken.IsCancellationRequested)
        {
            await ConnectAsync(cancellationToken);
            closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Automatic reconnection handles drops; we only get here again if the connection closed for good.
            await closed.Task.WaitAsync(cancellationToken);
            await StatusAsync("connection closed; starting again");
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                await _connection.StartAsync(cancellationToken);
                await OnConnectedAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
            {
                var delay = ForeverRetryPolicy.Delay(attempt++, _options.MaxRetryDelay);
                await StatusAsync($"cannot reach {_options.Server} ({ex.Message}); retrying in {delay.TotalSeconds:0} s");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        if (_options.Crossing is { } slug)
        {
            await _connection.InvokeAsync("Subscribe", slug, cancellationToken);
        }
        else
        {
            await _connection.InvokeAsync("SubscribeAll", cancellationToken);
        }

        if (Interlocked.Read(ref _lastId) < 0)
        {
            // First connection: start from now. Later ones catch up from the last reading printed.
            var cursor = await _http.GetFromJsonAsync<JsonElement>("api/readings/cursor", cancellationToken);
            var lastId = cursor.GetProperty("lastId").GetInt64();
            InterlockedMax(ref _lastId, lastId);
            await StatusAsync($"connected to {_options.Server}; watching {_options.Crossing ?? "every crossing"}");
            return;
        }

        var caughtUp = await CatchUpAsync(cancellationToken);
        await StatusAsync($"reconnected; {caughtUp} reading(s) fetched that arrived while disconnected");
    }

    /// <summary>Prints readings stored after the last one printed, page by page, then the current estimates they changed.</summary>
    private async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var crossings = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var after = Interlocked.Read(ref _lastId);
            var query = $"api/readings?after={after}&limit={PageSize}" + (_options.Crossing is { } slug ? $"&crossing={Uri.EscapeDataString(slug)}" : "");
            var page = await _http.GetFromJsonAsync<JsonElement[]>(query, cancellationToken) ?? [];
            foreach (var reading in page)
            {
                crossings.Add(reading.GetProperty("crossing").GetString()!);
                if (await PrintReadingAsync(reading))
                {
                    total++;
                }

                InterlockedMax(ref _lastId, reading.GetProperty("id").GetInt64());
            }

            if (page.Length < PageSize)
            {
                break;
            }
        }

        foreach (var crossing in crossings)
        {
            var view = await _http.GetFromJsonAsync<JsonElement>($"api/crossings/{Uri.EscapeDataString(crossing)}", cancellationToken);
            await PrintAsync("estimateChanged", "estimate", view.GetProperty("estimate"));
        }

        return total;
    }

    private async Task<bool> PrintReadingAsync(JsonElement reading)
    {
        var id = reading.GetProperty("id").GetInt64();
        await _output.WaitAsync();
        try
        {
            if (!_printed.Add(id))
            {
                return false;
            }

            // Remember recent ids only: enough to drop the duplicates a catch-up and the live stream can produce.
            _printedOrder.Enqueue(id);
            if (_printedOrder.Count > 100_000)
            {
                _printed.Remove(_printedOrder.Dequeue());
            }

            InterlockedMax(ref _lastId, id);
            await WriteLineAsync("readingAdded", "reading", reading);
            return true;
        }
        finally
        {
            _output.Release();
        }
    }

    private async Task PrintAsync(string type, string property, JsonElement payload)
    {
        await _output.WaitAsync();
        try
        {
            await WriteLineAsync(type, property, payload);
        }
        finally
        {
            _output.Release();
        }
    }

    private async Task WriteLineAsync(string type, string property, JsonElement payload)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName(property);
            payload.WriteTo(writer);
            writer.WriteEndObject();
        }

        await _console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        await _console.Out.FlushAsync();
    }

    private async Task EnsureCrossingExistsAsync(string slug, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync($"api/crossings/{Uri.EscapeDataString(slug)}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CliException($"The server knows no crossing '{slug}'; GET {_options.Server}api/crossings lists them.", ExitCodes.Usage);
            }
        }
        catch (HttpRequestException)
        {
            // Unreachable now: the connect loop will keep trying and say so.
        }
    }

    private Task StatusAsync(string message) => _console.Error.WriteLineAsync($"[{DateTimeOffset.UtcNow:HH:mm:ss}] {message}");

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref target);
            if (value <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref target, value, current) != current);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _http.Dispose();
        _output.Dispose();
    }

    /// <summary>Never gives up: 0, 1, 2, 5, 10 s, then the maximum, for as long as it takes.</summary>
    private sealed class ForeverRetryPolicy(TimeSpan max) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay((int)retryContext.PreviousRetryCount, max);

        public static TimeSpan Delay(int attempt, TimeSpan max)
        {
            TimeSpan[] steps = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];
            var step = attempt < steps.Length ? steps[attempt] : max;
            return step < max ? step : max;
        }
    }
}
