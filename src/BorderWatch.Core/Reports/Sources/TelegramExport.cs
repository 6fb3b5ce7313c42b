using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BorderWatch.Core.Reports.Sources;

/// <summary>
/// Reads a Telegram Desktop chat export (<c>result.json</c>, "Export chat history" → JSON). Each text message becomes a
/// report from the channel; service messages and media without text are skipped. Senders' names in groups are never
/// used: the source is the chat.
/// </summary>
public static class TelegramExport
{
    /// <param name="json">The export file.</param>
    /// <param name="channelUsername">The public channel's @username, when known: message links become https://t.me/NAME/ID.</param>
    /// <param name="sourceType">The source type to give the reports (default crowd).</param>
    public static TelegramChat Read(Stream json, string? channelUsername = null, string sourceType = "crowd")
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("This is not a Telegram Desktop export: result.json has a 'messages' array.");
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var chatId = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : (long?)null;
        var username = channelUsername?.Trim().TrimStart('@');
        var reports = new List<ReportInput>();
        var skipped = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (!message.TryGetProperty("type", out var type) || type.GetString() != "message" || !message.TryGetProperty("id", out var messageId) || messageId.ValueKind != JsonValueKind.Number)
            {
                skipped++;
                continue;
            }

            var text = TextOf(message);
            if (string.IsNullOrWhiteSpace(text))
            {
                skipped++;
                continue;
            }

            var number = messageId.GetInt64();
            string? url = username is { Length: > 0 } ? $"https://t.me/{username}/{number}"
                : chatId is { } chat ? $"https://t.me/c/{chat.ToString(CultureInfo.InvariantCulture)}/{number}"
                : null;
            reports.Add(new ReportInput
            {
                Id = number.ToString(CultureInfo.InvariantCulture),
                Text = text.Length > ReportLimits.MaxTextLength ? text[..ReportLimits.MaxTextLength] : text,
                PublishedAt = DateOf(message),
                Url = url,
                Source = new ReportSourceInput { Name = name is { Length: > 0 } ? $"Telegram: {name}" : "Telegram", Type = sourceType },
            });
        }

        return new TelegramChat(name, reports, skipped);
    }

    /// <summary>"text" is a string, or an array of strings and entities ({"type":"bold","text":"…"}).</summary>
    private static string TextOf(JsonElement message)
    {
        if (!message.TryGetProperty("text", out var text))
        {
            return "";
        }

        if (text.ValueKind == JsonValueKind.String)
        {
            return text.GetString() ?? "";
        }

        if (text.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var part in text.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                builder.Append(part.GetString());
            }
            else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                builder.Append(inner.GetString());
            }
        }

        return builder.ToString();
    }

    /// <summary>date_unixtime is UTC (newer exports); "date" alone is the exporting computer's local time, read as UTC.</summary>
    private static DateTimeOffset? DateOf(JsonElement message)
    {
        if (message.TryGetProperty("date_unixtime", out var unix) && long.TryParse(unix.ValueKind == JsonValueKind.String ? unix.GetString() : unix.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (message.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String
            && DateTime.TryParse(date.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return new DateTimeOffset(parsed, TimeSpan.Zero);
        }

        return null;
    }
}

/// <param name="Name">The chat's name.</param>
/// <param name="Reports">Its text messages, as reports.</param>
/// <param name="Skipped">Service messages and messages without text.</param>
public sealed record TelegramChat(string? Name, IReadOnlyList<ReportInput> Reports, int Skipped);
