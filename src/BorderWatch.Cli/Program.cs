using BorderWatch.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly; a second one kills the process.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

return await BorderWatchCli.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error), cancel.Token);
