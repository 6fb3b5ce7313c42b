using BorderWatch.Core.Crossings;
using BorderWatch.Data.Crossings;
using BorderWatch.Data.Readings;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Tests;

/// <summary>A real SQLite file in a fresh temporary folder, migrated and holding the gazetteer.</summary>
public sealed class TempDatabase : IAsyncLifetime
{
    public TempDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("borderwatch-data-").FullName;
        Database = new SqliteDatabase($"Data Source={Path.Combine(Directory, "test.db")}");
        Crossings = new CrossingRepository(Database);
        Readings = new ReadingRepository(Database, Crossings);
    }

    public string Directory { get; }
    public SqliteDatabase Database { get; }
    public CrossingRepository Crossings { get; }
    public ReadingRepository Readings { get; }

    public async Task InitializeAsync()
    {
        Database.Migrate();
        await Crossings.SyncAsync(Gazetteer.Default, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
