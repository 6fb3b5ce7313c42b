using System.CommandLine;
using BorderWatch.Data;

namespace BorderWatch.Cli.Commands;

/// <summary><c>borderwatch backup --database FILE --output FILE</c>: a consistent copy of a live database.</summary>
internal static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var database = new Option<FileInfo>("--database", "-d")
        {
            Description = "The SQLite database to back up (the app's Storage:ConnectionString file).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("data", "borderwatch.db")),
        };
        var output = new Option<FileInfo>("--output", "-o")
        {
            Description = "Where to write the backup. Must not exist yet.",
            Required = true,
        };
        var command = new Command("backup", "Copy the database safely while the app keeps running (SQLite online backup).") { database, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(database)!;
            var target = parse.GetValue(output)!;
            if (!source.Exists)
            {
                throw new CliException($"There is no database at '{source.FullName}'.", ExitCodes.Usage);
            }

            if (target.Exists)
            {
                throw new CliException($"'{target.FullName}' already exists; choose a new file name.", ExitCodes.Usage);
            }

            await SqliteDatabase.ForFile(source.FullName).BackupToAsync(target.FullName, cancellationToken);
            await console.Error.WriteLineAsync($"Backed up {source.FullName} to {target.FullName} ({new FileInfo(target.FullName).Length:N0} bytes).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
