namespace BorderWatch.Core.Reports.Text;

/// <summary>What a token is made of.</summary>
public enum TokenKind : byte
{
    Word,
    Number,
    Hashtag,
    Punct,
}

/// <summary>One token of a folded text: where it is in the folded buffer and in the original text.</summary>
/// <param name="Kind">Word, number, hashtag or a single punctuation character.</param>
/// <param name="Start">Start in the folded buffer.</param>
/// <param name="Length">Length in the folded buffer.</param>
/// <param name="OriginalStart">Start in the original text.</param>
/// <param name="OriginalEnd">End (exclusive) in the original text.</param>
/// <param name="Sentence">Sentence number, counted from 0.</param>
/// <param name="SpaceBefore">True when whitespace separates it from the previous token.</param>
public readonly record struct Token(TokenKind Kind, int Start, int Length, int OriginalStart, int OriginalEnd, int Sentence, bool SpaceBefore);

/// <summary>A report split into tokens over its folded form (see <see cref="TextFolding"/>).</summary>
public sealed class TokenizedText
{
    internal TokenizedText(string original, char[] folded, int foldedLength, int[] map, Token[] tokens, int count)
    {
        Original = original;
        Folded = folded;
        FoldedLength = foldedLength;
        Map = map;
        TokenArray = tokens;
        Count = count;
    }

    public string Original { get; }
    public int Count { get; }

    internal char[] Folded { get; }
    internal int FoldedLength { get; }
    internal int[] Map { get; }
    internal Token[] TokenArray { get; }

    public Token this[int index] => TokenArray[index];

    /// <summary>The folded characters of a token, for dictionary lookups without allocating.</summary>
    public ReadOnlySpan<char> Text(int index)
    {
        var token = TokenArray[index];
        return Folded.AsSpan(token.Start, token.Length);
    }

    public bool IsPunct(int index, char c) =>
        index >= 0 && index < Count && TokenArray[index].Kind == TokenKind.Punct && Folded[TokenArray[index].Start] == c;

    /// <summary>Original text from the start of token <paramref name="first"/> to the end of token <paramref name="last"/>.</summary>
    public (int Start, int End) OriginalSpan(int first, int last) => (TokenArray[first].OriginalStart, TokenArray[last].OriginalEnd);
}

/// <summary>
/// Splits folded text into words, numbers, hashtags and punctuation, numbers sentences, and skips what never holds a
/// queue figure (links, @mentions, quotation marks).
/// </summary>
public static class Tokenizer
{
    public static TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new char[text.Length];
        var map = new int[text.Length + 1];
        var length = TextFolding.Fold(text, folded, map);
        map[length] = text.Length;

        var tokens = new Token[Math.Max(8, length / 3)];
        var count = 0;
        var sentence = 0;
        var space = false;
        var i = 0;
        while (i < length)
        {
            var c = folded[i];
            if (char.IsWhiteSpace(c))
            {
                if (c is '\n' or '\r' && count > 0 && tokens[count - 1].Sentence == sentence)
                {
                    sentence++;
                }

                space = true;
                i++;
                continue;
            }

            if (IsLinkStart(folded, i, length) || (c == '@' && i + 1 < length && IsWordChar(folded[i + 1])))
            {
                // Links and handles: numbers inside them are ids, never queues. Skip to the next whitespace.
                while (i < length && !char.IsWhiteSpace(folded[i]))
                {
                    i++;
                }

                space = true;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (char.IsAsciiDigit(c))
            {
                kind = TokenKind.Number;
                i++;
                while (i < length && (char.IsAsciiDigit(folded[i]) || (folded[i] is '.' or ',' && i + 1 < length && char.IsAsciiDigit(folded[i + 1]))))
                {
                    i++;
                }
            }
            else if (IsLetter(c))
            {
                kind = TokenKind.Word;
                i++;
                while (i < length && (IsLetter(folded[i]) || (folded[i] == '\'' && i + 1 < length && IsLetter(folded[i + 1]))))
                {
                    i++;
                }
            }
            else if (c == '#' && i + 1 < length && IsWordChar(folded[i + 1]))
            {
                kind = TokenKind.Hashtag;
                i++;
                while (i < length && (IsWordChar(folded[i]) || folded[i] == '\''))
                {
                    i++;
                }
            }
            else if (IsQuote(c))
            {
                i++;
                continue;
            }
            else
            {
                kind = TokenKind.Punct;
                i++;
            }

            if (count == tokens.Length)
            {
                Array.Resize(ref tokens, tokens.Length * 2);
            }

            tokens[count++] = new Token(kind, start, i - start, map[start], map[i - 1] + 1, sentence, space);
            space = false;

            if (kind == TokenKind.Punct && EndsSentence(text, folded, length, c, i, map))
            {
                sentence++;
            }
        }

        return new TokenizedText(text, folded, length, map, tokens, count);
    }

    private static bool EndsSentence(string original, char[] folded, int length, char c, int next, int[] map)
    {
        switch (c)
        {
            case '!' or '?' or '…' or ';' or '|' or '•' or '؟' or '।':
                return true;
            case '.':
                // "тыс. машин", "ca. 5 km": a lower-case letter or a digit after the stop continues the sentence.
                var j = next;
                while (j < length && (char.IsWhiteSpace(folded[j]) || folded[j] == '.'))
                {
                    j++;
                }

                if (j >= length)
                {
                    return true;
                }

                var following = original[map[j]];
                return !(char.IsLower(following) || char.IsDigit(following));
            default:
                return false;
        }
    }

    private static bool IsLinkStart(char[] folded, int i, int length)
    {
        var rest = folded.AsSpan(i, length - i);
        return rest.StartsWith("http://") || rest.StartsWith("https://") || rest.StartsWith("www.") || rest.StartsWith("t.me/");
    }

    private static bool IsQuote(char c) => c is '"' or '«' or '»' or '“' or '”' or '„' or '‹' or '›' or '\'';

    private static bool IsLetter(char c) => char.IsLetter(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static bool IsWordChar(char c) => IsLetter(c) || char.IsAsciiDigit(c) || c == '_';
}
