using System.Security.Cryptography;
using System.Text;
using BorderWatch.Core.Reports.Text;

namespace BorderWatch.Core.Reports;

/// <summary>
/// Hashes that let reposts join their original: the same words, whatever the retweet prefix, links, handles,
/// hashtag signs, punctuation, letter case or spacing.
/// </summary>
public static class ReportHashing
{
    /// <summary>SHA-256 (hex, 32 characters kept) of the normalised text.</summary>
    public static string TextHash(string text) => Hash(Normalize(text));

    /// <summary>
    /// Normalised text: folded (see <see cref="TextFolding"/>), "RT @user:" and links and @handles removed, every run of
    /// characters that are not letters or digits turned into one space.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenizer.Tokenize(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Punct)
            {
                continue;
            }

            var word = tokens.Text(i);
            if (token.Kind == TokenKind.Hashtag)
            {
                word = word[1..];
            }

            if (builder.Length == 0 && word.SequenceEqual("rt"))
            {
                // "RT @user: …": the retweet marker (its handle is already skipped by the tokenizer).
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }

    private static string Hash(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..32];
}
