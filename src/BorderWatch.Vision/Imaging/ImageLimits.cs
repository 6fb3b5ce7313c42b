namespace BorderWatch.Vision.Imaging;

/// <summary>How large an image BorderWatch accepts (configuration section <c>Vision</c>).</summary>
public sealed class ImageLimits
{
    public const string SectionName = "Vision";

    /// <summary>Largest upload in bytes (default 15 MB: a 24-megapixel phone photo is about 8 MB).</summary>
    public long MaxBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Most pixels an image may have, checked from the header before decoding (default 40 megapixels).</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side in pixels (default 12,000).</summary>
    public int MaxDimension { get; set; } = 12_000;

    /// <summary>Shortest side in pixels: smaller than this shows no queue (default 64).</summary>
    public int MinDimension { get; set; } = 64;

    /// <summary>
    /// Keep the original upload (unredacted, with metadata) on disk beside the redacted copy. Off by default: people
    /// in these images may be in danger. Only an operator who needs originals as evidence should turn it on.
    /// </summary>
    public bool KeepRawUploads { get; set; }

    /// <summary>Folder of the Haar cascades; empty = the Debian opencv-data locations.</summary>
    public string? CascadeDirectory { get; set; }

    /// <summary>Every problem with these limits, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBytes is < 1024 or > 200L * 1024 * 1024)
        {
            errors.Add($"{SectionName}:MaxBytes must be between 1 KB and 200 MB.");
        }

        if (MaxPixels is < 10_000 or > 250_000_000)
        {
            errors.Add($"{SectionName}:MaxPixels must be between 10,000 and 250,000,000.");
        }

        if (MaxDimension is < 64 or > 30_000)
        {
            errors.Add($"{SectionName}:MaxDimension must be between 64 and 30,000.");
        }

        if (MinDimension < 1 || MinDimension > MaxDimension)
        {
            errors.Add($"{SectionName}:MinDimension must be at least 1 and at most MaxDimension.");
        }

        return errors;
    }
}
