using System.Text.Json;
using BorderWatch.Core.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BorderWatch.Web.Endpoints;

/// <summary>Reading JSON bodies with errors a client can act on, and RFC 7807 problem results.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "Some fields are not valid; nothing was stored.", title: "The request is not valid");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// Deserialises the body as <typeparamref name="T"/>, refusing non-JSON, oversized and malformed bodies with a
    /// problem result that names what is wrong (for malformed JSON, the JSON path of the bad field).
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, long maxBytes)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                title: "Unsupported media type",
                detail: "Send the body as JSON with Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        try
        {
            await using var limited = new LimitedStream(request.Body, maxBytes);
            var value = await JsonSerializer.DeserializeAsync<T>(limited, BorderWatchJson.Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Invalid("$", "The body is empty or null; send a JSON object."))
                : (value, null);
        }
        catch (JsonException ex) when (UnknownMember(ex) is { } member)
        {
            // System.Text.Json's path already ends with the unknown member ($.queue_km, $.source.urll).
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$." + member : ex.Path;
            return (null, Invalid(path, $"Unknown field '{member}'. Field names are camelCase, e.g. queueKm, observedAt."));
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return (null, Invalid(path, $"Malformed JSON at {path}: {Explain(ex)}"));
        }
        catch (BodyTooLargeException)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        title: "Request body too large",
        detail: $"The body is larger than {maxBytes:N0} bytes; nothing was stored.",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The member name in System.Text.Json's "could not be mapped" message, when that is the error.</summary>
    private static string? UnknownMember(JsonException ex)
    {
        const string Marker = "The JSON property '";
        var message = ex.Message;
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        start += Marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string Explain(JsonException ex)
    {
        // System.Text.Json messages name .NET types; keep the part a client can act on.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return message
            .Replace("System.Nullable`1[System.Double]", "number", StringComparison.Ordinal)
            .Replace("System.Nullable`1[System.DateTimeOffset]", "ISO 8601 date-time", StringComparison.Ordinal)
            .Replace("System.String", "string", StringComparison.Ordinal)
            .Replace("System.Double", "number", StringComparison.Ordinal);
    }

    private sealed class BodyTooLargeException : IOException;

    /// <summary>Reads at most a given number of bytes, so a chunked body without Content-Length cannot exhaust memory.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new BodyTooLargeException() : read;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
