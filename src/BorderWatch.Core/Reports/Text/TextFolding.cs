using System.Globalization;
using System.Text;

namespace BorderWatch.Core.Reports.Text;

/// <summary>
/// Folds text for matching: lower case, accents and Arabic vowel marks removed, letter variants unified (ё→е, й→и,
/// أ→ا, ة→ه), Arabic-Indic digits to ASCII, typographic dashes and apostrophes to plain ones.
/// </summary>
/// <remarks>
/// The same fold is applied to the lexicon and to every report, so "Górny Łars", "GORNY LARS" and "gorny lars"
/// meet, as do "Вёшки"/"Вешки" and "أكثر"/"اكثر". Folding is a table lookup per UTF-16 unit (the table is built once
/// from Unicode decomposition), which keeps a tweet well under a microsecond.
/// </remarks>
public static class TextFolding
{
    /// <summary>Marks a character that is dropped (combining marks, tatweel, zero-width characters).</summary>
    public const char Dropped = '\uFFFF';

    private static readonly char[] Table = BuildTable();

    /// <summary>The folded form of one UTF-16 unit, or <see cref="Dropped"/>.</summary>
    public static char Fold(char c) => Table[c];

    /// <summary>Folds a whole string (for lexicon entries and hashing).</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var folded = Table[c];
            if (folded != Dropped)
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="folded"/>; <paramref name="map"/>[i] is the index in the
    /// original text of folded character i (so spans found in folded text point back at what the user wrote).
    /// </summary>
    /// <returns>The number of folded characters written.</returns>
    public static int Fold(ReadOnlySpan<char> text, Span<char> folded, Span<int> map)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Table[text[i]];
            if (c == Dropped)
            {
                continue;
            }

            folded[n] = c;
            map[n] = i;
            n++;
        }

        return n;
    }

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            table[i] = FoldOne((char)i);
        }

        return table;
    }

    private static char FoldOne(char c)
    {
        switch (c)
        {
            // Letters without a decomposition that people still write without their stroke.
            case 'ł' or 'Ł': return 'l';
            case 'ø' or 'Ø': return 'o';
            case 'đ' or 'Đ': return 'd';
            case 'ı': return 'i';
            case 'ə' or 'Ə': return 'e';
            case 'ß': return 's';
            // Arabic: alef variants, alef maqsura, ta marbuta, hamza carriers; tatweel and vowel marks go.
            case '\u0622' or '\u0623' or '\u0625' or '\u0671': return '\u0627';
            case '\u0649': return '\u064A';
            case '\u0629': return '\u0647';
            case '\u0624': return '\u0648';
            case '\u0626': return '\u064A';
            case '\u0640': return Dropped;
            // Decimal and thousands separators of Arabic script.
            case '\u066B': return '.';
            case '\u066C': return ',';
            // Typographic punctuation people paste from phones and word processors.
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212': return '-';
            case '\u2019' or '\u2018' or '\u02BC' or '\u02B9' or '`' or '\u00B4': return '\'';
            case '\u00A0' or '\u2007' or '\u2009' or '\u202F' or '\u2002' or '\u2003' or '\u2008': return ' ';
            case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F': return Dropped;
        }

        if (c is >= '\u0660' and <= '\u0669')
        {
            return (char)('0' + (c - '\u0660'));
        }

        if (c is >= '\u06F0' and <= '\u06F9')
        {
            return (char)('0' + (c - '\u06F0'));
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            // Arabic harakat, Latin combining accents and the like; Georgian and Cyrillic letters are not marks.
            return Dropped;
        }

        var lower = char.ToLowerInvariant(c);
        if (lower is 'ё')
        {
            return 'е';
        }

        if (lower < '\u00C0' || !char.IsLetter(lower))
        {
            return lower;
        }

        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        if (decomposed.Length > 1 && CharUnicodeInfo.GetUnicodeCategory(decomposed[1]) == UnicodeCategory.NonSpacingMark)
        {
            // й→и, ї→і, ä→a, ņ→n: the base letter only. Applied to both sides, so the match is symmetric.
            return decomposed[0];
        }

        return lower;
    }
}
