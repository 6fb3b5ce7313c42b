using System.Net;
using System.Net.Http.Json;
using BorderWatch.Core.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BorderWatch.Testing;

/// <summary>
/// The real BorderWatch app on Kestrel, bound to 127.0.0.1 on a free port, with its own SQLite file in a temporary
/// folder. Each instance is independent; dispose it to stop the server and delete the folder.
/// </summary>
public sealed class BorderWatchServer : WebApplicationFactory<Program>
{
    /// <summary>The ingest key every test server starts with (Security:BootstrapApiKey).</summary>
    public const string ApiKey = "bw_test_0123456789abcdefghij";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;
    private readonly Action<IServiceCollection>? _services;

    public BorderWatchServer(IDictionary<string, string?>? settings = null, string? dataDirectory = null, int port = 0, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("borderwatch-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(DataDirectory, "borderwatch.db")}",
            ["Storage:ImageDirectory"] = Path.Combine(DataDirectory, "images"),
            ["Exports:Directory"] = Path.Combine(DataDirectory, "exports"),
            ["Security:BootstrapApiKey"] = ApiKey,
            ["Demo:Seed"] = "false",
            ["Demo:Simulate"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "borderwatch.db");

    /// <summary>The server's address, e.g. http://127.0.0.1:41234/. Starts the server on first use.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>An HTTP client for the server, with the ingest key unless <paramref name="withKey"/> is false.</summary>
    public HttpClient CreateApiClient(bool withKey = true)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }

        return client;
    }

    /// <summary>A real SignalR client connected to <c>/hubs/queues</c>, with the app's JSON conventions.</summary>
    public async Task<HubConnection> ConnectHubAsync(CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Address, "hubs/queues"))
            .AddJsonProtocol(options => BorderWatchJson.Configure(options.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync(cancellationToken);
        return connection;
    }

    /// <summary>Posts a reading and returns the stored one; fails the test on any non-201 answer.</summary>
    public async Task<Core.Readings.Reading> PostReadingAsync(object reading, CancellationToken cancellationToken = default)
    {
        using var client = CreateApiClient();
        using var response = await client.PostAsJsonAsync("api/readings", reading, BorderWatchJson.Options, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/readings answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<Core.Readings.Reading>(BorderWatchJson.Options, cancellationToken))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            TryDelete(DataDirectory);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDirectory)
        {
            TryDelete(DataDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
