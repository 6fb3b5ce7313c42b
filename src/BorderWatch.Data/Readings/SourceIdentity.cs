namespace BorderWatch.Data.Readings;

/// <summary>One key per source, so the same channel or page is one row however it is spelled.</summary>
public static class SourceIdentity
{
    public static string? Of(string? name, string? url)
    {
        if (!string.IsNullOrWhiteSpace(url) && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            // Scheme and host are case-insensitive; fragments never identify a different document.
            var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
            return $"url:{uri.Host.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}{path}{uri.Query}";
        }

        return string.IsNullOrWhiteSpace(name) ? null : "name:" + name.Trim().ToLowerInvariant();
    }
}
