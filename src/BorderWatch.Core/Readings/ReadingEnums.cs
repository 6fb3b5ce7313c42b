namespace BorderWatch.Core.Readings;

/// <summary>Where a reading came from.</summary>
public enum ReadingKind
{
    Image,
    Report,
    Manual,
    Feed,
    Agent,
}

/// <summary>Travel direction of the queue: outbound goes from the crossing's first country to its second.</summary>
public enum Direction
{
    Unknown,
    Outbound,
    Inbound,
}

/// <summary>Review state. Only accepted readings feed estimates.</summary>
public enum ReadingStatus
{
    Accepted,
    Pending,
    Rejected,
}

/// <summary>Stable lowercase names used in JSON, SQL and the CLI.</summary>
public static class ReadingNames
{
    public static string Name(this ReadingKind kind) => kind switch
    {
        ReadingKind.Image => "image",
        ReadingKind.Report => "report",
        ReadingKind.Manual => "manual",
        ReadingKind.Feed => "feed",
        ReadingKind.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this Direction direction) => direction switch
    {
        Direction.Unknown => "unknown",
        Direction.Outbound => "outbound",
        Direction.Inbound => "inbound",
        _ => throw new ArgumentOutOfRangeException(nameof(direction)),
    };

    public static string Name(this ReadingStatus status) => status switch
    {
        ReadingStatus.Accepted => "accepted",
        ReadingStatus.Pending => "pending",
        ReadingStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseKind(string? text, out ReadingKind kind) => TryParse(text, out kind);

    public static bool TryParseDirection(string? text, out Direction direction) => TryParse(text, out direction);

    public static bool TryParseStatus(string? text, out ReadingStatus status) => TryParse(text, out status);

    private static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        // Only the documented lowercase names; Enum.TryParse would also accept "1" or "Outbound, Inbound".
        value = default;
        if (string.IsNullOrEmpty(text) || !text.All(char.IsAsciiLetterLower))
        {
            return false;
        }

        return Enum.TryParse(text, ignoreCase: true, out value);
    }
}
