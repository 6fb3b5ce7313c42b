using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BorderWatch.Testing;

/// <summary>
/// A small real HTTP server on 127.0.0.1 that serves feed documents the way publishers do: with an ETag and
/// Last-Modified, answering 304 to a conditional GET that still matches. Tests change documents while it runs.
/// </summary>
public sealed class SampleFeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private WebApplication _app = default!;

    private SampleFeedServer()
    {
    }

    /// <summary>Every request: path and the If-None-Match header it carried.</summary>
    public ConcurrentQueue<(string Path, string? IfNoneMatch)> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = default!;

    public static async Task<SampleFeedServer> StartAsync()
    {
        var server = new SampleFeedServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._app = app;
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery.TrimStart('/'));

    /// <summary>Serves (or replaces) a document at a path (query strings count).</summary>
    public void Serve(string pathAndQuery, byte[] body, string contentType)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..16] + "\"";
        _documents["/" + pathAndQuery.TrimStart('/')] = new Document(body, contentType, etag, DateTimeOffset.UtcNow);
    }

    public void ServeFile(string pathAndQuery, string file, string contentType) => Serve(pathAndQuery, File.ReadAllBytes(file), contentType);

    private async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Path + context.Request.QueryString;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        Requests.Enqueue((key, string.IsNullOrEmpty(ifNoneMatch) ? null : ifNoneMatch));
        if (!_documents.TryGetValue(key, out var document))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.Headers.ETag = document.ETag;
        context.Response.Headers.LastModified = document.Modified.ToString("R");
        if (ifNoneMatch == document.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = document.ContentType;
        await context.Response.Body.WriteAsync(document.Body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Document(byte[] Body, string ContentType, string ETag, DateTimeOffset Modified);
}
