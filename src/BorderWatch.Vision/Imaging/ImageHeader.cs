using System.Buffers.Binary;

namespace BorderWatch.Vision.Imaging;

/// <summary>Image formats BorderWatch accepts.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
}

/// <summary>
/// What an image file's header says — format and pixel size — read without decoding, so a decompression bomb
/// (a small file that claims a huge picture) is refused before any pixel memory is allocated.
/// </summary>
/// <param name="Format">The container format.</param>
/// <param name="Width">Width in pixels, from the header.</param>
/// <param name="Height">Height in pixels, from the header.</param>
/// <param name="DataEnd">Offset just past the image's own end marker: bytes after it are not part of the image.</param>
/// <param name="CompressedData">
/// Where the compressed pixels lie (JPEG scans, PNG IDAT, WebP bitstreams): any byte string turns up there by chance,
/// so only the rest of the file (headers, metadata, comments, trailing bytes) is searched for text.
/// </param>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height, int DataEnd, IReadOnlyList<Range> CompressedData)
{
    public long Pixels => (long)Width * Height;

    public string MediaType => Format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        _ => "image/webp",
    };

    /// <summary>Reads the header; returns null with a reason when the bytes are not a complete JPEG, PNG or WebP.</summary>
    public static ImageHeader? TryRead(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length == 0)
        {
            problem = "The file is empty.";
            return null;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data, out problem);
        }

        if (data.Length >= 8 && data[..8].SequenceEqual(PngSignature))
        {
            return ReadPng(data, out problem);
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ReadWebP(data, out problem);
        }

        problem = "The file is not a JPEG, PNG or WebP image.";
        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        int? width = null, height = null;
        var scans = new List<Range>();
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                problem = "The JPEG is damaged (a marker is missing).";
                return null;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker == 0xD9)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i + 2, 2));
            if (length < 2 || i + 2 + length > data.Length)
            {
                problem = "The JPEG is truncated.";
                return null;
            }

            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && length >= 7)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i + 5, 2));
                width = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i + 7, 2));
            }

            if (marker == 0xDA)
            {
                // Start of scan: entropy-coded data follows. Markers inside it are FF 00 (a stuffed FF) or RSTn;
                // anything else is a new segment (progressive files have many scans) or the end of the image.
                i += 2 + length;
                var scanStart = i;
                while (i + 1 < data.Length)
                {
                    if (data[i] != 0xFF || data[i + 1] == 0x00 || data[i + 1] == 0xFF || data[i + 1] is >= 0xD0 and <= 0xD7)
                    {
                        i++;
                        continue;
                    }

                    break;
                }

                if (i + 1 >= data.Length)
                {
                    problem = "The JPEG is truncated (it has no end-of-image marker).";
                    return null;
                }

                scans.Add(scanStart..i);
                continue;
            }

            i += 2 + length;
        }

        if (width is not { } w || height is not { } h || w == 0 || h == 0)
        {
            problem = "The JPEG has no frame size (it is damaged or not a photograph).";
            return null;
        }

        if (i + 2 > data.Length || data[i] != 0xFF || data[i + 1] != 0xD9)
        {
            problem = "The JPEG is truncated (it has no end-of-image marker).";
            return null;
        }

        return new ImageHeader(ImageFormat.Jpeg, w, h, i + 2, scans);
    }

    private static ImageHeader? ReadPng(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length < 33 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            problem = "The PNG is truncated or damaged.";
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20, 4));
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            problem = "The PNG's size is invalid.";
            return null;
        }

        // Walk the chunks to IEND: a complete PNG ends there (after its CRC).
        var pixels = new List<Range>();
        var i = 8;
        while (i + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(i, 4));
            if (length > int.MaxValue || i + 12L + length > data.Length)
            {
                break;
            }

            if (data.Slice(i + 4, 4).SequenceEqual("IEND"u8))
            {
                return new ImageHeader(ImageFormat.Png, (int)width, (int)height, i + 12 + (int)length, pixels);
            }

            if (data.Slice(i + 4, 4).SequenceEqual("IDAT"u8))
            {
                pixels.Add((i + 8)..(i + 8 + (int)length));
            }

            i += 12 + (int)length;
        }

        problem = "The PNG is truncated (it has no IEND chunk).";
        return null;
    }

    private static ImageHeader? ReadWebP(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(4, 4));
        if (riffSize + 8L > data.Length)
        {
            problem = "The WebP is truncated.";
            return null;
        }

        if (data.Length < 30)
        {
            problem = "The WebP is truncated.";
            return null;
        }

        var chunk = data.Slice(12, 4);
        int width, height;
        if (chunk.SequenceEqual("VP8X"u8))
        {
            width = 1 + (data[24] | (data[25] << 8) | (data[26] << 16));
            height = 1 + (data[27] | (data[28] << 8) | (data[29] << 16));
        }
        else if (chunk.SequenceEqual("VP8 "u8))
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(26, 2)) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(28, 2)) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(21, 4));
            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
        }
        else
        {
            problem = "The WebP is of an unknown kind.";
            return null;
        }

        if (width <= 0 || height <= 0)
        {
            problem = "The WebP's size is invalid.";
            return null;
        }

        return new ImageHeader(ImageFormat.WebP, width, height, (int)(riffSize + 8), WebPBitstreams(data[..(int)(riffSize + 8)]));
    }

    /// <summary>The payloads of a WebP's image chunks (lossy, lossless, alpha, animation frames).</summary>
    private static List<Range> WebPBitstreams(ReadOnlySpan<byte> data)
    {
        var bitstreams = new List<Range>();
        var i = 12;
        while (i + 8 <= data.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4, 4));
            if (i + 8L + size > data.Length)
            {
                break;
            }

            var kind = data.Slice(i, 4);
            if (kind.SequenceEqual("VP8 "u8) || kind.SequenceEqual("VP8L"u8) || kind.SequenceEqual("ALPH"u8) || kind.SequenceEqual("ANMF"u8))
            {
                bitstreams.Add((i + 8)..(i + 8 + (int)size));
            }

            // Chunks are padded to an even size.
            i += 8 + (int)size + (int)(size & 1);
        }

        return bitstreams;
    }
}
