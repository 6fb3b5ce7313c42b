using System.Text;
using BorderWatch.Vision.Imaging;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Imaging;

public sealed class ImageInspectorTests
{
    private readonly ImageInspector _inspector = new(new ImageLimits { MaxBytes = 2_000_000, MaxPixels = 20_000_000, MaxDimension = 8000 });

    [Fact]
    public void Inspect_Jpeg_ReadsSizeFromHeader()
    {
        var (header, rejection) = _inspector.Inspect(TestImages.Jpeg(320, 240));

        Assert.Null(rejection);
        Assert.Equal((ImageFormat.Jpeg, 320, 240), (header!.Value.Format, header.Value.Width, header.Value.Height));
    }

    [Fact]
    public void Inspect_PngAndWebP_ReadsSizeFromHeader()
    {
        using var image = new Mat(200, 300, MatType.CV_8UC3, Scalar.All(90));
        Assert.Equal((300, 200), Size(_inspector.Inspect(TestImages.Encode(image, ".png")).Header));
        Assert.Equal((300, 200), Size(_inspector.Inspect(TestImages.Encode(image, ".webp")).Header));
    }

    [Fact]
    public void Inspect_Empty_Refused422()
    {
        Assert.Equal(422, _inspector.Inspect([]).Rejection!.Status);
    }

    [Fact]
    public void Inspect_Text_Refused415NotAnImage()
    {
        var rejection = _inspector.Inspect(Encoding.UTF8.GetBytes("queue at Vaalimaa: 3 km")).Rejection!;

        Assert.Equal(415, rejection.Status);
        Assert.Contains("not a JPEG, PNG or WebP", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TruncatedJpeg_Refused422()
    {
        var jpeg = TestImages.Jpeg();

        var rejection = _inspector.Inspect(jpeg.AsSpan(0, jpeg.Length / 2)).Rejection!;

        Assert.Equal(422, rejection.Status);
        Assert.Contains("truncated", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_DecompressionBombHeader_Refused413BeforeDecoding()
    {
        var bomb = TestImages.WithClaimedSize(TestImages.Jpeg(), 60000, 60000);

        var rejection = _inspector.Inspect(bomb).Rejection!;

        Assert.Equal(413, rejection.Status);
        Assert.Contains("60,000×60,000", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TooManyPixelsWithinSideLimit_Refused413()
    {
        var wide = TestImages.WithClaimedSize(TestImages.Jpeg(), 7000, 7000);

        Assert.Equal(413, _inspector.Inspect(wide).Rejection!.Status);
    }

    [Fact]
    public void Inspect_JpegWithZipAppended_RefusedAsPolyglot()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, .. new byte[2000]];
        var polyglot = TestImages.Jpeg().Concat(zip).ToArray();

        var rejection = _inspector.Inspect(polyglot).Rejection!;

        Assert.Equal(422, rejection.Status);
        Assert.Contains("polyglot", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_JpegWithScriptInComment_RefusedAsPolyglot()
    {
        var payload = Encoding.ASCII.GetBytes("<SCRIPT>alert(1)</script>");
        var length = payload.Length + 2;
        var jpeg = TestImages.Jpeg();
        byte[] polyglot = [.. jpeg[..2], 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];

        var rejection = _inspector.Inspect(polyglot).Rejection!;

        Assert.Contains("<script", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_JpegWhoseCompressedPixelsSpellSvg_Accepted()
    {
        // Entropy-coded data holds every byte string sooner or later; a real webcam frame must not be refused for it.
        var jpeg = TestImages.Jpeg();
        var scan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var pixels = scan + 2 + ((jpeg[scan + 2] << 8) | jpeg[scan + 3]);
        Encoding.ASCII.GetBytes("<SvG").CopyTo(jpeg, pixels + 16);

        Assert.Null(_inspector.Inspect(jpeg).Rejection);
    }

    [Fact]
    public void Inspect_PngWithMarkupInTextChunk_RefusedButInPixelsAccepted()
    {
        using var image = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(90));
        var png = TestImages.Encode(image, ".png");
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        var inPixels = (byte[])png.Clone();
        Encoding.ASCII.GetBytes("<html").CopyTo(inPixels, idat + 4);

        // A tEXt chunk just before IEND (the last 12 bytes): the CRC is not checked before decoding.
        var text = Encoding.ASCII.GetBytes("Comment\0<html><script>alert(1)</script>");
        byte[] chunk = [0, 0, (byte)(text.Length >> 8), (byte)text.Length, .. "tEXt"u8, .. text, 0, 0, 0, 0];
        byte[] inText = [.. png[..^12], .. chunk, .. png[^12..]];

        Assert.Null(_inspector.Inspect(inPixels).Rejection);
        Assert.Contains("polyglot", _inspector.Inspect(inText).Rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TooSmall_Refused422()
    {
        Assert.Equal(422, _inspector.Inspect(TestImages.Jpeg(40, 30)).Rejection!.Status);
    }

    [Fact]
    public void Inspect_LargerThanMaxBytes_Refused413()
    {
        var inspector = new ImageInspector(new ImageLimits { MaxBytes = 1024 });

        Assert.Equal(413, inspector.Inspect(TestImages.Jpeg(640, 480)).Rejection!.Status);
    }

    [Fact]
    public void Decode_ValidJpeg_GivesPixelsOfTheHeaderSize()
    {
        var (image, _, rejection) = _inspector.Decode(TestImages.Jpeg(320, 240));
        using (image)
        {
            Assert.Null(rejection);
            Assert.Equal(new Size(320, 240), image!.Size());
        }
    }

    private static (int, int) Size(ImageHeader? header) => (header!.Value.Width, header.Value.Height);
}
