using System.Reflection;
using DbUp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BorderWatch.Data;

/// <summary>The embedded SQLite database: opens tuned connections, applies migrations, takes backups.</summary>
public sealed class SqliteDatabase
{
    /// <summary>How long a writer waits for the lock before SQLITE_BUSY; ingest batches are short, so this is generous.</summary>
    private const int BusyTimeoutMs = 10_000;

    public SqliteDatabase(string connectionString, string? baseDirectory = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("BorderWatch needs a database file; in-memory SQLite would lose every reading on restart.", nameof(connectionString));
        }

        if (!Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), builder.DataSource));
        }

        builder.ForeignKeys = true;
        builder.Pooling = true;
        FilePath = builder.DataSource;
        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>A database at a file path (any characters allowed).</summary>
    public static SqliteDatabase ForFile(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString());

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a pooled connection with foreign keys on, a busy timeout and WAL-friendly durability.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // synchronous=NORMAL is durable against application crashes in WAL mode; a power cut can lose the
            // last commits but never corrupts the file.
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the file if needed, switches it to WAL and applies every pending migration in order.</summary>
    /// <returns>The names of the scripts applied now (empty when the schema was current).</returns>
    public IReadOnlyList<string> Migrate(ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using (var connection = Open())
        using (var wal = connection.CreateCommand())
        {
            // Journal mode is stored in the file, so this holds for every later connection and process.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        var upgrader = DeployChanges.To
            .SqliteDatabase(ConnectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.EndsWith(".sql", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(logger)
            .Build();

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error?.Message}", result.Error);
        }

        return [.. result.Scripts.Select(s => s.Name)];
    }

    /// <summary>
    /// Refreshes the query planner's statistics (ANALYZE, sampled so it stays cheap on millions of rows).
    /// </summary>
    /// <remarks>
    /// Without statistics SQLite takes <c>superseded_by_id IS NULL</c> for a one-row lookup in that column's UNIQUE
    /// index, although nearly every reading is NULL there, and scans all current readings; with them it picks the
    /// partial indexes made for those queries.
    /// </remarks>
    public async Task OptimizeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the live database into <paramref name="destinationPath"/> with SQLite's online backup (safe while in use).</summary>
    public async Task BackupToAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(destinationPath);
        if (File.Exists(fullPath))
        {
            throw new IOException($"'{fullPath}' already exists; BorderWatch does not overwrite backups.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = fullPath + ".partial";
        File.Delete(temporary);
        await using (var source = await OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            await destination.OpenAsync(cancellationToken).ConfigureAwait(false);
            source.BackupDatabase(destination);
        }

        // A backup that stopped half-way must never look like a good one.
        File.Move(temporary, fullPath);
    }
}

/// <summary>Helpers for transactions on <see cref="SqliteConnection"/>.</summary>
internal static class SqliteConnectionExtensions
{
    /// <summary>BEGIN IMMEDIATE takes the write lock up front, so two writers queue instead of failing at commit.</summary>
    public static SqliteTransaction BeginWrite(this SqliteConnection connection) => connection.BeginTransaction(deferred: false);
}
