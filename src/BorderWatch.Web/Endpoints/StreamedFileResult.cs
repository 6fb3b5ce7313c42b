using System.Net.Mime;

namespace BorderWatch.Web.Endpoints;

/// <summary>
/// A download written straight to the response as it is produced (no buffering of the whole file), with its media
/// type and an attachment file name. Disposes <paramref name="owned"/> (the database snapshot) when done.
/// </summary>
internal sealed class StreamedFileResult(
    string contentType, string fileName, Func<Stream, CancellationToken, Task> write, IAsyncDisposable? owned = null, string? link = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            var response = httpContext.Response;
            response.ContentType = contentType;
            response.Headers.ContentDisposition = new ContentDisposition { FileName = fileName, DispositionType = DispositionTypeNames.Attachment }.ToString();
            if (link is not null)
            {
                response.Headers.Link = link;
            }

            // Exports change as readings arrive; proxies must not serve yesterday's copy.
            response.Headers.CacheControl = "no-store";
            await response.StartAsync(httpContext.RequestAborted);
            await write(response.Body, httpContext.RequestAborted);
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }
}
