using BorderWatch.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Cli.Tests;

public sealed class BackupCommandTests
{
    [Fact]
    public async Task Backup_RunningServer_CopiesEveryReading()
    {
        await using var server = new BorderWatchServer();
        await server.PostReadingAsync(new { crossing = "storskog", vehicles = 12 });
        var target = Path.Combine(server.DataDirectory, "backups", "copy.db");
        var cli = new CliRunner();

        var code = await cli.RunAsync("backup", "--database", server.DatabasePath, "--output", target);

        Assert.Equal(ExitCodes.Ok, code);
        await using var copy = new SqliteConnection($"Data Source={target};Pooling=False");
        Assert.Equal(1, await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM readings"));
    }

    [Fact]
    public async Task Backup_MissingDatabase_ExitsWithAClearMessage()
    {
        var cli = new CliRunner();

        var code = await cli.RunAsync("backup", "--database", "/nonexistent/borderwatch.db", "--output", Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".db"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no database", cli.Error.ToString(), StringComparison.Ordinal);
    }
}
