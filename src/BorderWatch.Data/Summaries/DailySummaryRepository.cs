using System.Data;
using BorderWatch.Core.Summaries;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BorderWatch.Data.Summaries;

/// <summary>The days and crossings an export covers.</summary>
/// <param name="From">First local date, inclusive.</param>
/// <param name="To">Last local date, inclusive.</param>
/// <param name="Crossing">One crossing's slug, or null for all.</param>
public sealed record SummaryQuery(DateOnly From, DateOnly To, string? Crossing = null);

/// <summary>
/// The order of summary rows: by date then crossing (tables), or by crossing then date (one feature per crossing).
/// "Crossing" order is the crossings' database order, which is the gazetteer's alphabetical order for the built-in
/// ones: sorting by name would cost a sort of every row.
/// </summary>
public enum SummaryOrder
{
    ByDate,
    ByCrossing,
}

/// <summary>
/// Daily summaries per crossing per local day, computed by SQL and kept incrementally: triggers mark the days new
/// readings and corrections touch, and every read first recomputes just those days (see docs/exports.md for why
/// this beats computing on demand).
/// </summary>
public sealed class DailySummaryRepository(SqliteDatabase database)
{
    /// <summary>Dirty (crossing, UTC day) marks recomputed per write transaction, so ingest never waits long.</summary>
    private const int ChunkSize = 1000;

    private const long DayMs = 86_400_000;

    private readonly LocalDayTable _localDays = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    /// <summary>Recomputes every day marked dirty. Returns how many local days were recomputed.</summary>
    public async Task<int> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM daily_summary_dirty)"))
        {
            return 0;
        }

        // One refresher per process: a second caller waits and then finds nothing (or little) left to do.
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            while (true)
            {
                var (days, more) = await RefreshChunkAsync(connection, now, cancellationToken);
                total += days;
                if (!more)
                {
                    return total;
                }
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>How many (crossing, UTC day) marks wait for a refresh.</summary>
    public async Task<long> CountDirtyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM daily_summary_dirty");
    }

    /// <summary>The summaries of a query, up to date with every committed reading.</summary>
    public async Task<IReadOnlyList<DailySummary>> GetAsync(SummaryQuery query, DateTimeOffset now, int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var export = await OpenAsync(query, now, SummaryOrder.ByDate, withSources: false, cancellationToken);
        var list = new List<DailySummary>();
        await foreach (var summary in export.ReadAsync(cancellationToken))
        {
            if (list.Count >= limit)
            {
                break;
            }

            list.Add(summary);
        }

        return list;
    }

    /// <summary>
    /// Refreshes, then opens one consistent snapshot of a query's summaries: totals and sources first, then the rows
    /// streamed (constant memory, however many days). Dispose it to release the snapshot.
    /// </summary>
    /// <remarks>
    /// <c>withSources</c> lists the sources in the provenance. Their cost grows with distinct (day, source) pairs, not
    /// with days, so exports that do not embed the provenance (CSV, the page's preview) leave it out and get an empty
    /// list.
    /// </remarks>
    public async Task<SummaryExport> OpenAsync(
        SummaryQuery query, DateTimeOffset now, SummaryOrder order, bool withSources = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await RefreshAsync(now, cancellationToken);
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            // A read transaction pins one WAL snapshot: totals, sources and rows agree even while readings arrive.
            var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
            var parameters = Parameters(query, now);
            var totals = await connection.QuerySingleAsync<TotalsRow>(
                """
                SELECT COUNT(*) AS Rows, COUNT(DISTINCT ds.crossing_id) AS Crossings, COALESCE(SUM(ds.readings), 0) AS Readings,
                       COALESCE(SUM(ds.readings_image), 0) AS Image, COALESCE(SUM(ds.readings_report), 0) AS Report,
                       COALESCE(SUM(ds.readings_manual), 0) AS Manual, COALESCE(SUM(ds.readings_feed), 0) AS Feed,
                       COALESCE(SUM(ds.readings_agent), 0) AS Agent, COALESCE(SUM(ds.demo_readings), 0) AS Demo
                FROM daily_summaries ds
                JOIN crossings c ON c.id = ds.crossing_id
                WHERE ds.local_date BETWEEN @From AND @To AND (@Crossing IS NULL OR c.slug = @Crossing)
                """,
                new DynamicParameters(parameters), transaction);
            // A year is ~800,000 (day, crossing, source) rows, and GROUP BY sorts them all: sum by source id alone
            // (short sort records, the crossings as one IN list instead of a join per row), then name the ~300 sums.
            var sources = !withSources ? [] : await connection.QueryAsync<SourceRow>(
                """
                SELECT s.name AS Name, s.source_type AS Type, s.url AS Url, t.readings AS Readings
                FROM (SELECT ss.source_id, SUM(ss.readings) AS readings
                      FROM daily_summary_sources ss
                      WHERE ss.local_date BETWEEN @From AND @To
                        AND ss.crossing_id IN (SELECT c.id FROM crossings c WHERE @Crossing IS NULL OR c.slug = @Crossing)
                      GROUP BY ss.source_id) t
                LEFT JOIN sources s ON s.id = t.source_id
                ORDER BY t.source_id
                """,
                new DynamicParameters(parameters), transaction);
            var reader = await DailySummaryReader.LoadAsync(connection, transaction, query.Crossing);
            var provenance = new SummaryProvenance
            {
                GeneratedAt = now,
                From = query.From,
                To = query.To,
                Crossing = query.Crossing,
                Totals = new SummaryTotals(totals.Rows, totals.Crossings, totals.Readings, totals.Image, totals.Report, totals.Manual,
                    totals.Feed, totals.Agent, totals.Demo),
                Sources = SummaryProvenance.ListSources(sources.Select(s => new SourceReadings(s.Name, s.Type, s.Url, (int)s.Readings))),
            };
            var sql = DailySummarySql.Projection + " FROM daily_summaries ds " + OrderedFilter(order);
            return new SummaryExport(connection, transaction, provenance, reader, sql, parameters);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Computes a query's summaries straight from the readings, storing nothing: the on-demand alternative to the
    /// stored table, used to check it and to measure the difference.
    /// </summary>
    public async Task<IReadOnlyList<DailySummary>> ComputeAsync(SummaryQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await EnsureLocalDaysAsync(connection, query.Crossing, query.From, query.To, cancellationToken);
        // Deferred: the temp tables are the connection's own, so computing never holds the database's write lock.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var parameters = Parameters(query, now);
        await connection.ExecuteAsync(DailySummarySql.CreateTempTables, transaction: transaction);
        await connection.ExecuteAsync(DailySummarySql.AddTargetsForDates, new DynamicParameters(parameters), transaction);
        await CollectAsync(connection, transaction, parameters);
        using var reader = await DailySummaryReader.LoadAsync(connection, transaction, query.Crossing);
        var result = reader.Read(
            connection, DailySummarySql.Projection + $" FROM ({DailySummarySql.Aggregate}) ds " + OrderedFilter(SummaryOrder.ByDate),
            parameters, cancellationToken).ToList();
        await connection.ExecuteAsync(DailySummarySql.CreateTempTables, transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Makes sure <c>local_days</c> covers a date range for the given crossings (for queries that join it).</summary>
    internal async Task EnsureLocalDaysAsync(SqliteConnection connection, string? crossing, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var zones = (await ZonesAsync(connection, null, crossing)).ToList();
        if (_localDays.Covers(zones, from, to))
        {
            return;
        }

        await using var transaction = connection.BeginWrite();
        var written = await _localDays.EnsureAsync(connection, transaction, zones, from, to);
        await transaction.CommitAsync(cancellationToken);
        _localDays.Remember(written);
    }

    private async Task<(int Days, bool More)> RefreshChunkAsync(SqliteConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginWrite();
        var marks = (await connection.QueryAsync<DirtyMark>(
            """
            SELECT d.crossing_id AS CrossingId, d.utc_day AS UtcDay, c.time_zone AS TimeZone
            FROM daily_summary_dirty d JOIN crossings c ON c.id = d.crossing_id
            ORDER BY d.crossing_id, d.utc_day
            LIMIT @Limit
            """,
            new { Limit = ChunkSize + 1 }, transaction)).ToList();
        var more = marks.Count > ChunkSize;
        if (more)
        {
            marks.RemoveAt(marks.Count - 1);
        }

        if (marks.Count == 0)
        {
            // Marks of crossings that no longer exist cannot be summarised.
            await connection.ExecuteAsync("DELETE FROM daily_summary_dirty", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
            return (0, false);
        }

        var written = new List<(string Zone, DateOnly First, DateOnly Last)>();
        foreach (var zone in marks.GroupBy(m => m.TimeZone, StringComparer.Ordinal))
        {
            // One day of margin on each side, and the stale horizon after the last: the overlapping local days.
            var zoneInfo = LocalDays.FindZone(zone.Key)
                ?? throw new InvalidOperationException($"The time zone '{zone.Key}' is not in this system's tz database (install tzdata).");
            var first = LocalDays.DateOf(UnixTime.FromMs(zone.Min(m => m.UtcDay) * DayMs), zoneInfo).AddDays(-1);
            var last = LocalDays.DateOf(UnixTime.FromMs(((zone.Max(m => m.UtcDay) + 1) * DayMs) + StaleMs), zoneInfo).AddDays(1);
            written.AddRange(await _localDays.EnsureAsync(connection, transaction, [zone.Key], first, last));
        }

        var parameters = Parameters(null, now);
        await connection.ExecuteAsync(DailySummarySql.CreateTempTables, transaction: transaction);
        await connection.ExecuteAsync(
            DailySummarySql.AddTargetsForUtcDay,
            marks.Select(m => new { m.CrossingId, m.TimeZone, UtcDayStart = m.UtcDay * DayMs, UtcDayEnd = (m.UtcDay + 1) * DayMs, StaleMs }),
            transaction);
        await connection.ExecuteAsync(
            """
            DELETE FROM daily_summaries WHERE (local_date, crossing_id) IN (SELECT local_date, crossing_id FROM temp.summary_targets);
            DELETE FROM daily_summary_sources WHERE (local_date, crossing_id) IN (SELECT local_date, crossing_id FROM temp.summary_targets);
            """,
            transaction: transaction);
        await CollectAsync(connection, transaction, parameters);
        var days = await connection.ExecuteAsync(
            $"INSERT INTO daily_summaries ({DailySummarySql.Columns}) {DailySummarySql.Aggregate}", new DynamicParameters(parameters), transaction);
        await connection.ExecuteAsync(DailySummarySql.CollectSources, transaction: transaction);
        await connection.ExecuteAsync(
            "DELETE FROM daily_summary_dirty WHERE crossing_id = @CrossingId AND utc_day = @UtcDay", marks, transaction);
        await connection.ExecuteAsync(DailySummarySql.CreateTempTables, transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        _localDays.Remember(written);
        return (days, more);
    }

    private static async Task CollectAsync(SqliteConnection connection, SqliteTransaction transaction, object parameters)
    {
        await connection.ExecuteAsync(DailySummarySql.SetPreviousReadings, transaction: transaction);
        await connection.ExecuteAsync(DailySummarySql.CollectReadings, transaction: transaction);
    }

    private static async Task<IEnumerable<string>> ZonesAsync(SqliteConnection connection, SqliteTransaction? transaction, string? crossing) =>
        await connection.QueryAsync<string>(
            "SELECT DISTINCT time_zone FROM crossings WHERE @Crossing IS NULL OR slug = @Crossing", new { Crossing = crossing }, transaction);

    private static string OrderedFilter(SummaryOrder order) => order == SummaryOrder.ByCrossing
        ? DailySummarySql.Filter.Replace("ORDER BY ds.local_date, ds.crossing_id", "ORDER BY ds.crossing_id, ds.local_date", StringComparison.Ordinal)
        : DailySummarySql.Filter;

    private static long StaleMs => (long)SummaryMethodology.StaleAfter.TotalMilliseconds;

    /// <summary>The summary SQL's parameters by name, for Dapper (wrapped) and for <see cref="DailySummaryReader"/>.</summary>
    private static Dictionary<string, object?> Parameters(SummaryQuery? query, DateTimeOffset now)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["StaleMs"] = StaleMs,
            ["ConflictWindowMs"] = (long)SummaryMethodology.ConflictWindow.TotalMilliseconds,
            ["ConflictRatio"] = SummaryMethodology.ConflictRatio,
            ["ConflictMinVehicles"] = SummaryMethodology.ConflictMinVehicles,
            ["ConflictMinQueueKm"] = SummaryMethodology.ConflictMinQueueKm,
            ["ConflictMinWaitHours"] = SummaryMethodology.ConflictMinWaitHours,
            ["VerifiedSourceType"] = SummaryMethodology.VerifiedReportSourceType,
            ["Methodology"] = SummaryMethodology.Version,
            ["Now"] = UnixTime.ToMs(now),
        };
        if (query is not null)
        {
            parameters["From"] = LocalDayTable.Format(query.From);
            parameters["To"] = LocalDayTable.Format(query.To);
            parameters["Crossing"] = query.Crossing;
        }

        return parameters;
    }

    private sealed class SourceRow
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? Url { get; set; }
        public long Readings { get; set; }
    }

    private sealed record DirtyMark(long CrossingId, long UtcDay, string TimeZone);

    private sealed class TotalsRow
    {
        public int Rows { get; set; }
        public int Crossings { get; set; }
        public int Readings { get; set; }
        public int Image { get; set; }
        public int Report { get; set; }
        public int Manual { get; set; }
        public int Feed { get; set; }
        public int Agent { get; set; }
        public int Demo { get; set; }
    }
}

/// <summary>One consistent snapshot of an export's summaries: provenance known up front, rows streamed.</summary>
public sealed class SummaryExport : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly DailySummaryReader _reader;
    private readonly string _sql;
    private readonly IReadOnlyDictionary<string, object?> _parameters;

    internal SummaryExport(
        SqliteConnection connection, SqliteTransaction transaction, SummaryProvenance provenance, DailySummaryReader reader, string sql,
        IReadOnlyDictionary<string, object?> parameters)
    {
        _connection = connection;
        _transaction = transaction;
        Provenance = provenance;
        _reader = reader;
        _sql = sql;
        _parameters = parameters;
    }

    public SummaryProvenance Provenance { get; }

    /// <summary>The rows, read from the database as they are enumerated (enumerate once).</summary>
    public async IAsyncEnumerable<DailySummary> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The statement runs in _transaction, the connection's open one. SQLite steps synchronously (as the
        // SqliteDataReader did behind its ReadAsync), so the rows are yielded as stepped.
        foreach (var summary in _reader.Read(_connection, _sql, _parameters, cancellationToken))
        {
            yield return summary;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
