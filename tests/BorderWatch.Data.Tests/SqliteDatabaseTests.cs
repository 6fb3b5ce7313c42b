using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Tests;

public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Migrate_NewFile_UsesWalForeignKeysAndBusyTimeout()
    {
        await using var connection = await _db.Database.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.True(await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout") >= 5000);
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "crossings", "readings", "sources", "images", "api_keys", "audit", "reading_sources" }, tables);
    }

    [Fact]
    public void Migrate_SecondTime_AppliesNothing()
    {
        Assert.Empty(_db.Database.Migrate());
    }

    [Fact]
    public void Constructor_InMemoryDatabase_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SqliteDatabase("Data Source=:memory:"));
    }

    [Fact]
    public void Constructor_RelativePath_ResolvesAgainstBaseDirectory()
    {
        var database = new SqliteDatabase("Data Source=data/x.db", "/srv/borderwatch");

        Assert.Equal("/srv/borderwatch/data/x.db", database.FilePath);
    }

    [Fact]
    public async Task BackupTo_LiveDatabase_CopiesEveryRowAndNeverOverwrites()
    {
        await _db.Readings.InsertAsync([new(TestReadings.At("vaalimaa", DateTimeOffset.UtcNow, km: 0.4))]);
        var target = Path.Combine(_db.Directory, "backup", "copy.db");

        await _db.Database.BackupToAsync(target);

        await using (var copy = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            Assert.Equal(1, await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM readings"));
        }

        await Assert.ThrowsAsync<IOException>(() => _db.Database.BackupToAsync(target));
        Assert.False(File.Exists(target + ".partial"));
    }
}
