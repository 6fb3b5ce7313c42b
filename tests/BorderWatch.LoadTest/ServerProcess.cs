using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BorderWatch.LoadTest;

/// <summary>The real BorderWatch web app in its own process, on 127.0.0.1, with a fresh database.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string ApiKey = "bw_loadtest_0123456789abcdefghij";

    private readonly Process _process;

    private ServerProcess(Process process, Uri address, string directory)
    {
        _process = process;
        Address = address;
        Directory = directory;
    }

    public Uri Address { get; }
    public string Directory { get; }
    public int ProcessId => _process.Id;

    /// <param name="repositoryRoot">The repository, to find the Release build.</param>
    /// <param name="environment">Settings to add or override, e.g. Storage__ConnectionString for a prepared database.</param>
    public static async Task<ServerProcess> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(repositoryRoot, "src", "BorderWatch.Web", "bin", "Release", "net10.0", "BorderWatch.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the app first: dotnet build -c Release ({dll} is missing).");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("borderwatch-load-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(directory, "load.db")}";
        start.Environment["Storage__ImageDirectory"] = Path.Combine(directory, "images");
        start.Environment["Security__BootstrapApiKey"] = ApiKey;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Demo__Simulate"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("[server] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = address };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                {
                    return new ServerProcess(process, address, directory);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server did not become healthy within 30 s.");
    }

    /// <summary>Resident memory of the server process, in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
