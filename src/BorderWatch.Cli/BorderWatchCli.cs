using System.CommandLine;
using BorderWatch.Cli.Commands;

namespace BorderWatch.Cli;

/// <summary>The <c>borderwatch</c> command line: verbs and their options, one class per verb under Commands/.</summary>
public static class BorderWatchCli
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("BorderWatch: queues at border crossings, from images and reports, live.");
        root.Subcommands.Add(WatchCommand.Create(console));
        root.Subcommands.Add(BackupCommand.Create(console));
        root.Subcommands.Add(ParseCommand.Create(console));
        root.Subcommands.Add(PushReportCommand.Create(console));
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(SynthCommand.Create(console));
        root.Subcommands.Add(PushImageCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"borderwatch: {error.Message}");
            }

            await console.Error.WriteLineAsync("Try 'borderwatch --help'.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await console.Error.WriteLineAsync($"borderwatch: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }
}
