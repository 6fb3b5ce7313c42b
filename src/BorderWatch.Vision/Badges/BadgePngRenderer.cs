using System.Globalization;
using System.Text;
using OpenCvSharp;

namespace BorderWatch.Vision.Badges;

/// <summary>
/// Draws a status badge (grey label, coloured value) as PNG for places that take no SVG: mail, chat previews, some
/// CMSs. OpenCV's Hershey fonts cover ASCII only, so text is folded to ASCII first (Grebņeva → Grebneva).
/// </summary>
public static class BadgePngRenderer
{
    public const int MaxScale = 4;

    private const int Height = 20;
    private const int Padding = 6;
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;
    private const double FontScale = 0.4;

    /// <param name="label">Left part, e.g. the crossing.</param>
    /// <param name="value">Right part, e.g. "wait 48 h".</param>
    /// <param name="valueColor">Background of the value as #rrggbb.</param>
    /// <param name="scale">1 for the SVG's size, 2 for high-density screens.</param>
    public static byte[] Render(string label, string value, string valueColor, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        label = ToAscii(label);
        value = ToAscii(value);

        var thickness = scale;
        var labelSize = Cv2.GetTextSize(label, Font, FontScale * scale, thickness, out _);
        var valueSize = Cv2.GetTextSize(value, Font, FontScale * scale, thickness, out _);
        var labelWidth = labelSize.Width + 2 * Padding * scale;
        var valueWidth = valueSize.Width + 2 * Padding * scale;
        var height = Height * scale;

        using var image = new Mat(height, labelWidth + valueWidth, MatType.CV_8UC3, new Scalar(0x55, 0x55, 0x55));
        image.Rectangle(new Rect(labelWidth, 0, valueWidth, height), Bgr(valueColor), -1);
        var baseline = (height + labelSize.Height) / 2;
        image.PutText(label, new Point(Padding * scale, baseline), Font, FontScale * scale, Scalar.White, thickness, LineTypes.AntiAlias);
        image.PutText(value, new Point(labelWidth + Padding * scale, baseline), Font, FontScale * scale, Scalar.White, thickness, LineTypes.AntiAlias);
        Cv2.ImEncode(".png", image, out var png);
        return png;
    }

    /// <summary>Latin letters without their accents, dashes as hyphens; anything else becomes '?'.</summary>
    public static string ToAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(c switch
            {
                < (char)128 => c,
                '–' or '—' or '‒' or '−' or '·' => '-',
                '\u00a0' or '\u202f' => ' ',
                'ł' => 'l',
                'Ł' => 'L',
                'ø' => 'o',
                _ => '?',
            });
        }

        return folded.ToString();
    }

    private static Scalar Bgr(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            throw new ArgumentException($"Expected a colour like #c62828, got '{hex}'.", nameof(hex));
        }

        return new Scalar(rgb & 0xff, (rgb >> 8) & 0xff, (rgb >> 16) & 0xff);
    }
}
