using BorderWatch.Data;
using Microsoft.Extensions.Options;

namespace BorderWatch.Web.Images;

/// <summary>
/// Redacted images and overlays on disk under <c>Storage:ImageDirectory</c>, by month. Files are written to a
/// temporary name and moved into place, so a reader never sees half a file.
/// </summary>
public sealed class ImageFileStore(IOptions<StorageOptions> storage, IWebHostEnvironment environment)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, storage.Value.ImageDirectory));

    /// <summary>Writes bytes under a relative path made from the uid; returns that relative path.</summary>
    public async Task<string> WriteAsync(string uid, string suffix, byte[] bytes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var relative = Path.Combine(now.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
            now.ToString("MM", System.Globalization.CultureInfo.InvariantCulture), uid + suffix);
        var full = Resolve(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, full, overwrite: true);
        return relative;
    }

    /// <summary>The full path of a stored relative path; refuses anything that would leave the root.</summary>
    public string Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException("An image path points outside the image folder.");
    }

    public Task<byte[]> ReadAsync(string relative, CancellationToken cancellationToken) => File.ReadAllBytesAsync(Resolve(relative), cancellationToken);

    public void TryDelete(string? relative)
    {
        if (relative is null)
        {
            return;
        }

        try
        {
            File.Delete(Resolve(relative));
        }
        catch (IOException)
        {
        }
    }
}
