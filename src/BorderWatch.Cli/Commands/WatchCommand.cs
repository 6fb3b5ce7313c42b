using System.CommandLine;
using BorderWatch.Cli.Watching;

namespace BorderWatch.Cli.Commands;

/// <summary><c>borderwatch watch --server URL [--crossing SLUG]</c>: one JSON line per live update.</summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var server = ServerOption.Create();
        var crossing = new Option<string?>("--crossing", "-c") { Description = "Only this crossing (slug); default: every crossing." };
        var retry = new Option<double>("--max-retry-seconds")
        {
            Description = "Longest pause between reconnection attempts.",
            DefaultValueFactory = _ => 30,
            Hidden = true,
        };

        var command = new Command("watch", "Print live updates as JSON lines; reconnects on its own and fetches what it missed.") { server, crossing, retry };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new WatchOptions(parse.GetValue(server)!, parse.GetValue(crossing), TimeSpan.FromSeconds(parse.GetValue(retry)));
            await using var watcher = new LiveWatcher(options, console);
            await watcher.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
