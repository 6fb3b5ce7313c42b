using System.Text;
using OpenCvSharp;

namespace BorderWatch.Vision.Imaging;

/// <summary>Why an image was refused, with the HTTP status that fits.</summary>
/// <param name="Status">413 too large, 415 not an image, 422 damaged or unusable.</param>
/// <param name="Message">What is wrong, in words the sender can act on.</param>
public sealed record ImageRejection(int Status, string Message);

/// <summary>
/// Checks image bytes before anything is decoded or stored: size, format, completeness, pixel dimensions from the
/// header (decompression bombs), and content that makes a file two things at once (polyglots: an image that is also
/// an HTML page, a script or an archive). Then decodes within those limits.
/// </summary>
public sealed class ImageInspector(ImageLimits limits)
{
    /// <summary>Bytes tolerated after an image's end marker (some cameras pad).</summary>
    private const int TrailingSlack = 512;

    private static readonly string[] ActiveContent = ["<script", "<html", "<?php", "<svg", "<iframe", "<!doctype", "<?xml-stylesheet", "%pdf-"];

    public ImageLimits Limits { get; } = limits;

    /// <summary>Reads and checks the header; returns it, or a rejection.</summary>
    public (ImageHeader? Header, ImageRejection? Rejection) Inspect(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return (null, new ImageRejection(422, "The file is empty."));
        }

        if (data.Length > Limits.MaxBytes)
        {
            return (null, new ImageRejection(413, $"The file is larger than {Limits.MaxBytes:N0} bytes."));
        }

        if (ImageHeader.TryRead(data, out var problem) is not { } header)
        {
            var status = problem is not null && problem.Contains("not a JPEG", StringComparison.Ordinal) ? 415 : 422;
            return (null, new ImageRejection(status, problem ?? "The file is not an image."));
        }

        if (header.Width > Limits.MaxDimension || header.Height > Limits.MaxDimension || header.Pixels > Limits.MaxPixels)
        {
            return (null, new ImageRejection(413,
                $"The image claims {header.Width:N0}×{header.Height:N0} pixels; at most {Limits.MaxDimension:N0} per side and {Limits.MaxPixels:N0} in all are accepted. Nothing was decoded."));
        }

        if (header.Width < Limits.MinDimension || header.Height < Limits.MinDimension)
        {
            return (null, new ImageRejection(422, $"The image is {header.Width}×{header.Height} pixels; at least {Limits.MinDimension} per side is needed to see a queue."));
        }

        if (data.Length - header.DataEnd > TrailingSlack)
        {
            return (null, new ImageRejection(422, $"The file has {data.Length - header.DataEnd:N0} bytes after the end of the image: it is something else as well (a polyglot). Send the plain image."));
        }

        if (FindActiveContent(data, header.CompressedData) is { } found)
        {
            return (null, new ImageRejection(422, $"The file contains '{found}', which has no place in a photograph (a polyglot). Send the plain image."));
        }

        return (header, null);
    }

    /// <summary>Inspects, then decodes to 8-bit BGR. The caller owns the returned <see cref="Mat"/>.</summary>
    public (Mat? Image, ImageHeader? Header, ImageRejection? Rejection) Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (header, rejection) = Inspect(data);
        if (rejection is not null)
        {
            return (null, null, rejection);
        }

        Mat image;
        try
        {
            image = Cv2.ImDecode(data, ImreadModes.Color);
        }
        catch (OpenCVException)
        {
            return (null, null, new ImageRejection(422, "The image could not be decoded (it is damaged)."));
        }

        if (image.Empty() || image.Width != header!.Value.Width || image.Height != header.Value.Height)
        {
            image.Dispose();
            return (null, null, new ImageRejection(422, "The image could not be decoded (it is damaged)."));
        }

        return (image, header, null);
    }

    /// <summary>
    /// Looks for markup or documents hidden in the file (metadata, comments, trailing bytes), case-insensitively.
    /// A match wholly inside the compressed pixels does not count: they spell any few letters by chance (one
    /// generated 1920×1080 frame held "&lt;svg"), and the pixels are re-encoded before anything is published.
    /// </summary>
    private static string? FindActiveContent(ReadOnlySpan<byte> data, IReadOnlyList<System.Range> compressed)
    {
        foreach (var marker in ActiveContent)
        {
            var bytes = Encoding.ASCII.GetBytes(marker);
            for (var i = data.IndexOf(bytes[0]); i >= 0 && i + bytes.Length <= data.Length;)
            {
                var match = true;
                for (var k = 0; k < bytes.Length; k++)
                {
                    var b = data[i + k];
                    if ((b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b) != bytes[k])
                    {
                        match = false;
                        break;
                    }
                }

                if (match && !compressed.Any(r => r.Start.Value <= i && i + bytes.Length <= r.End.Value))
                {
                    return marker;
                }

                var next = data[(i + 1)..].IndexOf(bytes[0]);
                i = next < 0 ? -1 : i + 1 + next;
            }
        }

        return null;
    }
}
