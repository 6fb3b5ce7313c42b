using BorderWatch.Vision.Badges;
using OpenCvSharp;

namespace BorderWatch.Vision.Tests.Badges;

public sealed class BadgePngRendererTests
{
    [Fact]
    public void Render_Scale2_DecodesToTwiceTheHeightWithLabelAndValueColours()
    {
        var png = BadgePngRenderer.Render("Upper Lars", "wait 48 h", "#c62828", scale: 2);

        using var image = Cv2.ImDecode(png, ImreadModes.Color);
        Assert.Equal(40, image.Rows);
        Assert.True(image.Cols > 200);
        // Top-left corner: the grey label; top-right corner: the red value (BGR).
        Assert.Equal(new Vec3b(0x55, 0x55, 0x55), image.At<Vec3b>(1, 1));
        Assert.Equal(new Vec3b(0x28, 0x28, 0xc6), image.At<Vec3b>(1, image.Cols - 2));
    }

    [Fact]
    public void Render_LongerValue_IsWider()
    {
        using var narrow = Cv2.ImDecode(BadgePngRenderer.Render("Narva", "wait 2 h", "#2e7d32"), ImreadModes.Color);
        using var wide = Cv2.ImDecode(BadgePngRenderer.Render("Narva", "wait 2 h - out of date", "#2e7d32"), ImreadModes.Color);

        Assert.True(wide.Cols > narrow.Cols + 50);
    }

    [Theory]
    [InlineData("Grebņeva – Ubylinka", "Grebneva - Ubylinka")]
    [InlineData("Záhony · Chop", "Zahony - Chop")]
    [InlineData("Верхний Ларс", "??????? ????")]
    public void ToAscii_FoldsAccentsAndDashes(string text, string expected) => Assert.Equal(expected, BadgePngRenderer.ToAscii(text));

    [Fact]
    public void Render_BadColour_Throws() =>
        Assert.Throws<ArgumentException>(() => BadgePngRenderer.Render("a", "b", "red"));
}
