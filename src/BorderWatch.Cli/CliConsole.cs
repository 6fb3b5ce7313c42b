namespace BorderWatch.Cli;

/// <summary>The streams a command reads and writes: the real console, or strings in tests.</summary>
/// <param name="In">Standard input (JSON lines for batch verbs).</param>
/// <param name="Out">Standard output: results only, one JSON line each, so it can be piped.</param>
/// <param name="Error">Standard error: progress, warnings and errors for people.</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);

/// <summary>Exit codes of the borderwatch command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work failed (server unreachable for good, I/O error, bad input data).</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong (unknown verb, missing or invalid option).</summary>
    public const int Usage = 2;
}

/// <summary>A problem the user can fix, reported as one line on standard error.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
