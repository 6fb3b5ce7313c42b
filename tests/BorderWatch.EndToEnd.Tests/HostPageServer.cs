using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BorderWatch.EndToEnd.Tests;

/// <summary>
/// A news site in miniature: a plain static HTML server on its own loopback port (another origin than BorderWatch),
/// serving whatever article page a test gives it.
/// </summary>
public sealed class HostPageServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _pages = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public HostPageServer()
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> and returns its absolute URL.</summary>
    public string Add(string path, string html)
    {
        lock (_pages)
        {
            _pages[path] = html;
        }

        return new Uri(Address, path).ToString();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            string? html;
            lock (_pages)
            {
                _pages.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out html);
            }

            var body = Encoding.UTF8.GetBytes(html ?? "not found");
            context.Response.StatusCode = html is null ? 404 : 200;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
