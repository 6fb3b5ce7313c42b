using System.Globalization;

namespace BorderWatch.Core.Reports.Text;

/// <summary>Reads digit groups as people write them: 5500, 5,500, 5.500, 1,5, 1.5, 10,000,000, 1.234,5.</summary>
public static class NumberText
{
    /// <summary>
    /// Parses a digit token. When one separator is followed by exactly three digits ("1,500", "5.500") the text is
    /// ambiguous: <paramref name="value"/> is the thousands reading and <paramref name="alternative"/> the decimal
    /// one, and the caller decides by the unit (1,500 km is implausible, 1,500 cars is not).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value, out double? alternative)
    {
        value = 0;
        alternative = null;
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        var separators = 0;
        var lastSeparator = -1;
        var commas = 0;
        var dots = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is ',' or '.')
            {
                separators++;
                lastSeparator = i;
                if (text[i] == ',')
                {
                    commas++;
                }
                else
                {
                    dots++;
                }
            }
            else if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        if (separators == 0)
        {
            return double.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (commas > 0 && dots > 0)
        {
            // Both kinds: the last one is the decimal mark, the others group thousands (1,234.5 or 1.234,5).
            var decimalMark = text[lastSeparator];
            var groupMark = decimalMark == ',' ? '.' : ',';
            if (text[(lastSeparator + 1)..].Contains(groupMark) || CountOf(text, decimalMark) != 1 || !GroupsOfThree(text[..lastSeparator], groupMark))
            {
                return false;
            }

            value = Digits(text[..lastSeparator]) + Fraction(text[(lastSeparator + 1)..]);
            return true;
        }

        var mark = commas > 0 ? ',' : '.';
        if (separators > 1)
        {
            // 10,000,000 or 10.000.000: only thousands groups make sense.
            if (!GroupsOfThree(text, mark))
            {
                return false;
            }

            value = Digits(text);
            return true;
        }

        var whole = text[..lastSeparator];
        var after = text[(lastSeparator + 1)..];
        var decimalValue = Digits(whole) + Fraction(after);
        if (after.Length == 3 && !(whole.Length == 1 && whole[0] == '0'))
        {
            value = Digits(text);
            alternative = decimalValue;
            return true;
        }

        value = decimalValue;
        return true;
    }

    private static int CountOf(ReadOnlySpan<char> text, char c)
    {
        var count = 0;
        foreach (var ch in text)
        {
            if (ch == c)
            {
                count++;
            }
        }

        return count;
    }

    private static bool GroupsOfThree(ReadOnlySpan<char> text, char mark)
    {
        var first = text.IndexOf(mark);
        if (first < 0)
        {
            return true;
        }

        if (first is 0 or > 3)
        {
            return false;
        }

        var run = 0;
        for (var i = first + 1; i < text.Length; i++)
        {
            if (text[i] == mark)
            {
                if (run != 3)
                {
                    return false;
                }

                run = 0;
            }
            else
            {
                run++;
            }
        }

        return run == 3;
    }

    private static double Digits(ReadOnlySpan<char> text)
    {
        double value = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                value = (value * 10) + (c - '0');
            }
        }

        return value;
    }

    private static double Fraction(ReadOnlySpan<char> text)
    {
        double value = 0;
        double scale = 0.1;
        foreach (var c in text)
        {
            value += (c - '0') * scale;
            scale /= 10;
        }

        return value;
    }
}
