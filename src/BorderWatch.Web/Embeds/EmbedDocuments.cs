using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace BorderWatch.Web.Embeds;

/// <summary>A widget document rendered once, with its Brotli and gzip forms.</summary>
public sealed record RenderedDocument(byte[] Html, byte[] Brotli, byte[] Gzip, string ETag);

/// <summary>
/// Renders the widget documents (static Razor components, no circuit) and keeps each variant — card version × options —
/// compressed in memory: a front page's readers get bytes from memory, not a render and a compression each.
/// </summary>
public sealed class EmbedDocuments(IServiceScopeFactory scopes, ILoggerFactory loggers) : IDisposable
{
    /// <summary>Variants kept: plenty for every crossing in a few languages and themes; options are attacker-chosen, so bounded.</summary>
    public const int MaxVariants = 2000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxVariants });
    // The renderer wants scoped services (as in a request); the documents use none of them, so one scope serves all.
    private readonly IServiceScope _scope = scopes.CreateScope();
    private HtmlRenderer? _renderer;

    public async Task<RenderedDocument> GetAsync<TComponent>(string etag, Func<Dictionary<string, object?>> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_cache.TryGetValue(etag, out RenderedDocument? cached) && cached is not null)
        {
            return cached;
        }

        var renderer = _renderer ??= new HtmlRenderer(_scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters()));
            return output.ToHtmlString();
        });
        var bytes = Encoding.UTF8.GetBytes(html);
        var document = new RenderedDocument(bytes, Compress(bytes, brotli: true), Compress(bytes, brotli: false), etag);
        _cache.Set(etag, document, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return document;
    }

    /// <summary>Writes the document in the best encoding the client accepts.</summary>
    public static IResult Send(HttpContext context, RenderedDocument document)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(document);
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        var response = context.Response;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        byte[] body = document.Html;
        if (accepted.Contains("br", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "br";
            body = document.Brotli;
        }
        else if (accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "gzip";
            body = document.Gzip;
        }

        return TypedResults.Bytes(body, "text/html; charset=utf-8");
    }

    private static byte[] Compress(byte[] data, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream compressor = brotli
            ? new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    public void Dispose()
    {
        _cache.Dispose();
        _renderer?.Dispose();
        _scope.Dispose();
    }
}
