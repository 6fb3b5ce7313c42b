namespace BorderWatch.Data.Summaries;

/// <summary>
/// The SQL of the daily summary. The computation runs over two per-connection temp tables: the (crossing, local day)
/// targets, and the accepted current readings inside them. The same aggregate feeds the stored table (incremental
/// refresh) and the on-demand computation, so both always agree.
/// </summary>
internal static class DailySummarySql
{
    public const string CreateTempTables =
        """
        CREATE TEMP TABLE IF NOT EXISTS summary_targets (
            crossing_id INTEGER NOT NULL,
            local_date  TEXT    NOT NULL,
            starts_at   INTEGER NOT NULL,
            ends_at     INTEGER NOT NULL,
            prev_before INTEGER,
            PRIMARY KEY (crossing_id, local_date)
        ) WITHOUT ROWID;
        CREATE TEMP TABLE IF NOT EXISTS summary_readings (
            crossing_id INTEGER NOT NULL,
            local_date  TEXT    NOT NULL,
            starts_at   INTEGER NOT NULL,
            ends_at     INTEGER NOT NULL,
            prev_before INTEGER,
            id          INTEGER NOT NULL,
            observed_at INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            direction   TEXT    NOT NULL,
            queue_km    REAL,
            vehicles    REAL,
            wait_hours  REAL,
            confidence  REAL    NOT NULL,
            source_id   INTEGER NOT NULL,
            source_type TEXT,
            is_demo     INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS temp.ix_summary_readings_time ON summary_readings (crossing_id, local_date, observed_at);
        DELETE FROM temp.summary_targets;
        DELETE FROM temp.summary_readings;
        """;

    /// <summary>Targets: the local days of a crossing's zone that overlap one dirty UTC day, or follow it closely
    /// enough that their stale hours depend on its readings.</summary>
    public const string AddTargetsForUtcDay =
        """
        INSERT OR IGNORE INTO temp.summary_targets (crossing_id, local_date, starts_at, ends_at)
        SELECT @CrossingId, l.local_date, l.starts_at, l.ends_at
        FROM local_days l
        WHERE l.time_zone = @TimeZone
          AND l.starts_at >= @UtcDayStart - 2 * 86400000 AND l.starts_at < @UtcDayEnd + @StaleMs
          AND l.ends_at > @UtcDayStart
        """;

    /// <summary>Targets: every local day from @From to @To of the chosen crossings.</summary>
    public const string AddTargetsForDates =
        """
        INSERT OR IGNORE INTO temp.summary_targets (crossing_id, local_date, starts_at, ends_at)
        SELECT c.id, l.local_date, l.starts_at, l.ends_at
        FROM crossings c
        JOIN local_days l ON l.time_zone = c.time_zone AND l.local_date BETWEEN @From AND @To
        WHERE @Crossing IS NULL OR c.slug = @Crossing
        """;

    /// <summary>The newest accepted reading before each target day: the day's first hours are stale or not by it.</summary>
    public const string SetPreviousReadings =
        """
        UPDATE temp.summary_targets AS t
        SET prev_before = (SELECT p.observed_at FROM readings p INDEXED BY ix_readings_current
                           WHERE p.crossing_id = t.crossing_id AND p.superseded_by_id IS NULL
                             AND p.status = 'accepted' AND p.observed_at < t.starts_at
                           ORDER BY p.observed_at DESC LIMIT 1)
        """;

    /// <remarks>
    /// Targets outside, one index range of readings per target inside: CROSS JOIN fixes that order (without statistics
    /// SQLite would scan all readings and look the target up), INDEXED BY the index (it takes "superseded_by_id IS
    /// NULL" for a lookup in the UNIQUE index on that column, at most one row as it thinks).
    /// </remarks>
    public const string CollectReadings =
        """
        INSERT INTO temp.summary_readings
            (crossing_id, local_date, starts_at, ends_at, prev_before, id, observed_at, kind, direction,
             queue_km, vehicles, wait_hours, confidence, source_id, source_type, is_demo)
        SELECT t.crossing_id, t.local_date, t.starts_at, t.ends_at, t.prev_before, r.id, r.observed_at, r.kind, r.direction,
               r.queue_km, r.vehicles, r.wait_hours, r.confidence, COALESCE(r.source_id, 0), s.source_type, r.is_demo
        FROM temp.summary_targets t
        CROSS JOIN readings r INDEXED BY ix_readings_current
        LEFT JOIN sources s ON s.id = r.source_id
        WHERE r.crossing_id = t.crossing_id AND r.observed_at >= t.starts_at AND r.observed_at < t.ends_at
          AND r.superseded_by_id IS NULL AND r.status = 'accepted'
        """;

    /// <summary>Columns of <c>daily_summaries</c>, in the order <see cref="Aggregate"/> produces them.</summary>
    public const string Columns =
        """
        crossing_id, local_date, starts_at, ends_at, readings, readings_image, readings_report, readings_manual,
        readings_feed, readings_agent, sources, source_types,
        vehicles_n, vehicles_min, vehicles_mean, vehicles_median, vehicles_p90, vehicles_max,
        queue_km_n, queue_km_min, queue_km_mean, queue_km_median, queue_km_p90, queue_km_max,
        wait_hours_n, wait_hours_min, wait_hours_mean, wait_hours_median, wait_hours_p90, wait_hours_max,
        first_observed_at, last_observed_at, covered_hours, stale_ms_to_last, confidence_mean,
        conflicting_sources, unverified_only, demo_readings, methodology, computed_at
        """;

    /// <summary>
    /// One row per target day with readings. Ranks per quantity (nulls ranked apart) give the interpolated
    /// percentiles; LAG gives each reading the one before it (or the newest before the day) for the stale time.
    /// </summary>
    public static readonly string Aggregate =
        $"""
        WITH conflicts AS MATERIALIZED (
            SELECT DISTINCT a.crossing_id, a.local_date
            FROM temp.summary_readings a
            JOIN temp.summary_readings b
              ON b.crossing_id = a.crossing_id AND b.local_date = a.local_date
             AND b.observed_at >= a.observed_at AND b.observed_at <= a.observed_at + @ConflictWindowMs AND b.id <> a.id
            WHERE (CASE a.source_id WHEN 0 THEN -a.id ELSE a.source_id END) <> (CASE b.source_id WHEN 0 THEN -b.id ELSE b.source_id END)
              AND (a.direction = b.direction OR a.direction = 'unknown' OR b.direction = 'unknown')
              AND ({Disagree("vehicles", "@ConflictMinVehicles")} OR {Disagree("queue_km", "@ConflictMinQueueKm")} OR {Disagree("wait_hours", "@ConflictMinWaitHours")})
        ),
        ranked AS (
            SELECT r.*,
                   x.crossing_id IS NOT NULL AS in_conflict,
                   {RankColumns("vehicles")},
                   {RankColumns("queue_km")},
                   {RankColumns("wait_hours")},
                   COALESCE(LAG(r.observed_at) OVER (PARTITION BY r.crossing_id, r.local_date ORDER BY r.observed_at, r.id), r.prev_before) AS previous_at
            FROM temp.summary_readings r
            LEFT JOIN conflicts x ON x.crossing_id = r.crossing_id AND x.local_date = r.local_date
            WINDOW {Window("vehicles")}, {Window("queue_km")}, {Window("wait_hours")}
        )
        SELECT crossing_id, local_date, starts_at, ends_at,
               COUNT(*) AS readings,
               COUNT(CASE kind WHEN 'image' THEN 1 END) AS readings_image,
               COUNT(CASE kind WHEN 'report' THEN 1 END) AS readings_report,
               COUNT(CASE kind WHEN 'manual' THEN 1 END) AS readings_manual,
               COUNT(CASE kind WHEN 'feed' THEN 1 END) AS readings_feed,
               COUNT(CASE kind WHEN 'agent' THEN 1 END) AS readings_agent,
               COUNT(DISTINCT NULLIF(source_id, 0)) AS sources,
               COALESCE(group_concat(DISTINCT source_type ORDER BY source_type), '') AS source_types,
               {Stats("vehicles")},
               {Stats("queue_km")},
               {Stats("wait_hours")},
               MIN(observed_at) AS first_observed_at, MAX(observed_at) AS last_observed_at,
               COUNT(DISTINCT (observed_at - starts_at) / 3600000) AS covered_hours,
               SUM(MAX(0, observed_at - MAX(starts_at, COALESCE(previous_at, starts_at - @StaleMs) + @StaleMs))) AS stale_ms_to_last,
               AVG(confidence) AS confidence_mean,
               MAX(in_conflict) AS conflicting_sources,
               COUNT(CASE kind WHEN 'report' THEN 1 END) = COUNT(*)
                   AND COUNT(CASE WHEN source_type = @VerifiedSourceType THEN 1 END) = 0 AS unverified_only,
               SUM(is_demo) AS demo_readings,
               @Methodology AS methodology, @Now AS computed_at
        FROM ranked
        GROUP BY crossing_id, local_date
        """;

    public const string CollectSources =
        """
        INSERT INTO daily_summary_sources (local_date, crossing_id, source_id, readings)
        SELECT local_date, crossing_id, source_id, COUNT(*)
        FROM temp.summary_readings
        GROUP BY local_date, crossing_id, source_id
        """;

    /// <summary>
    /// What every summary query returns: the stored (or computed) row, and the stale hours up to now. The crossing is
    /// its id: <see cref="DailySummaryReader"/> has its columns, the same on all of its days.
    /// </summary>
    public const string Projection =
        """
        SELECT ds.local_date AS LocalDate, ds.crossing_id AS CrossingId,
               ds.starts_at AS StartsAt, ds.ends_at AS EndsAt, ds.readings AS Readings,
               ds.readings_image AS ImageReadings, ds.readings_report AS ReportReadings, ds.readings_manual AS ManualReadings,
               ds.readings_feed AS FeedReadings, ds.readings_agent AS AgentReadings, ds.sources AS Sources, ds.source_types AS SourceTypes,
               ds.vehicles_n AS VehiclesN, ds.vehicles_min AS VehiclesMin, ds.vehicles_mean AS VehiclesMean,
               ds.vehicles_median AS VehiclesMedian, ds.vehicles_p90 AS VehiclesP90, ds.vehicles_max AS VehiclesMax,
               ds.queue_km_n AS QueueKmN, ds.queue_km_min AS QueueKmMin, ds.queue_km_mean AS QueueKmMean,
               ds.queue_km_median AS QueueKmMedian, ds.queue_km_p90 AS QueueKmP90, ds.queue_km_max AS QueueKmMax,
               ds.wait_hours_n AS WaitHoursN, ds.wait_hours_min AS WaitHoursMin, ds.wait_hours_mean AS WaitHoursMean,
               ds.wait_hours_median AS WaitHoursMedian, ds.wait_hours_p90 AS WaitHoursP90, ds.wait_hours_max AS WaitHoursMax,
               ds.first_observed_at AS FirstObservedAt, ds.last_observed_at AS LastObservedAt,
               ds.covered_hours * 3600000.0 / (ds.ends_at - ds.starts_at) AS Coverage,
               (ds.stale_ms_to_last + MAX(0, MIN(ds.ends_at, @Now) - (ds.last_observed_at + @StaleMs))) / 3600000.0 AS StaleHours,
               ds.confidence_mean AS ConfidenceMean, ds.conflicting_sources AS ConflictingSources,
               ds.unverified_only AS UnverifiedOnly, ds.demo_readings AS DemoReadings, ds.ends_at <= @Now AS Complete
        """;

    public const string Filter =
        """
        JOIN crossings c ON c.id = ds.crossing_id
        WHERE ds.local_date BETWEEN @From AND @To AND (@Crossing IS NULL OR c.slug = @Crossing)
        ORDER BY ds.local_date, ds.crossing_id
        """;

    /// <summary>Rank and count share one window (one sort per quantity); nulls get a partition of their own.</summary>
    private static string RankColumns(string column) =>
        $"""
        ROW_NUMBER() OVER {column}_order AS {column}_rank,
                   COUNT(r.{column}) OVER ({column}_order ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS {column}_count
        """;

    private static string Window(string column) =>
        $"{column}_order AS (PARTITION BY r.crossing_id, r.local_date, r.{column} IS NULL ORDER BY r.{column})";

    private static string Stats(string column) =>
        $"MAX({column}_count) AS {column}_n, MIN({column}) AS {column}_min, AVG({column}) AS {column}_mean, " +
        $"{Percentile(column, 1, 2)} AS {column}_median, {Percentile(column, 9, 10)} AS {column}_p90, MAX({column}) AS {column}_max";

    /// <summary>
    /// The p-quantile, p = num/den, interpolated between ranks (Hyndman–Fan type 7, Excel's PERCENTILE.INC): position
    /// h = (n−1)·p + 1, value x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). Integer arithmetic keeps h exact.
    /// </summary>
    private static string Percentile(string column, int num, int den)
    {
        var lowRank = $"(({column}_count - 1) * {num}) / {den} + 1";
        var low = $"MAX(CASE WHEN {column} IS NOT NULL AND {column}_rank = {lowRank} THEN {column} END)";
        var high = $"MAX(CASE WHEN {column} IS NOT NULL AND {column}_rank = {lowRank} + 1 THEN {column} END)";
        var fraction = $"(((MAX({column}_count) - 1) * {num}) % {den}) * 1.0 / {den}";
        return $"{low} + {fraction} * (COALESCE({high}, {low}) - {low})";
    }

    private static string Disagree(string column, string minimum) =>
        $"(a.{column} IS NOT NULL AND b.{column} IS NOT NULL AND ABS(a.{column} - b.{column}) > {minimum} " +
        $"AND MAX(a.{column}, b.{column}) > @ConflictRatio * MIN(a.{column}, b.{column}))";
}
