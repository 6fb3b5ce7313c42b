using Microsoft.AspNetCore.Http.Metadata;

namespace BorderWatch.Web.Endpoints;

/// <summary>Tells Kestrel the largest body an endpoint accepts, so oversized uploads stop at the socket.</summary>
internal sealed class RequestSizeLimitMetadata(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}
