-- Daily summaries per crossing per local day (issue #6), kept incrementally: a trigger marks the UTC days that new
-- readings and corrections touch, and DailySummaryRepository recomputes the local days overlapping them before it
-- answers. Summaries are then read from a small table instead of sorting a million readings on every export.

-- Local calendar days of each time zone as UTC intervals, filled from the tz database by the repository as needed.
-- SQLite knows no time zones; this table is how the SQL learns where each local day starts and ends (DST included).
CREATE TABLE local_days (
    time_zone  TEXT    NOT NULL,
    local_date TEXT    NOT NULL,   -- YYYY-MM-DD
    starts_at  INTEGER NOT NULL,   -- Unix ms of the day's first instant
    ends_at    INTEGER NOT NULL,   -- Unix ms of the next day's first instant
    PRIMARY KEY (time_zone, local_date),
    CHECK (ends_at > starts_at)
) WITHOUT ROWID;
CREATE UNIQUE INDEX ix_local_days_start ON local_days (time_zone, starts_at);

-- (crossing, UTC day) pairs whose summaries may be out of date.
CREATE TABLE daily_summary_dirty (
    crossing_id INTEGER NOT NULL,
    utc_day     INTEGER NOT NULL,   -- observed_at / 86400000 (observations start in 2000, so never negative)
    PRIMARY KEY (crossing_id, utc_day)
) WITHOUT ROWID;

CREATE TABLE daily_summaries (
    crossing_id          INTEGER NOT NULL REFERENCES crossings(id),
    local_date           TEXT    NOT NULL,
    starts_at            INTEGER NOT NULL,
    ends_at              INTEGER NOT NULL,
    readings             INTEGER NOT NULL,
    readings_image       INTEGER NOT NULL,
    readings_report      INTEGER NOT NULL,
    readings_manual      INTEGER NOT NULL,
    readings_feed        INTEGER NOT NULL,
    readings_agent       INTEGER NOT NULL,
    sources              INTEGER NOT NULL,
    source_types         TEXT    NOT NULL,   -- comma-separated, alphabetical
    vehicles_n           INTEGER NOT NULL,
    vehicles_min         REAL,
    vehicles_mean        REAL,
    vehicles_median      REAL,
    vehicles_p90         REAL,
    vehicles_max         REAL,
    queue_km_n           INTEGER NOT NULL,
    queue_km_min         REAL,
    queue_km_mean        REAL,
    queue_km_median      REAL,
    queue_km_p90         REAL,
    queue_km_max         REAL,
    wait_hours_n         INTEGER NOT NULL,
    wait_hours_min       REAL,
    wait_hours_mean      REAL,
    wait_hours_median    REAL,
    wait_hours_p90       REAL,
    wait_hours_max       REAL,
    first_observed_at    INTEGER NOT NULL,
    last_observed_at     INTEGER NOT NULL,
    covered_hours        INTEGER NOT NULL,
    -- Stale time from the day's start up to its last reading; the rest (after the last reading) depends on when
    -- the question is asked, so queries add it.
    stale_ms_to_last     INTEGER NOT NULL,
    confidence_mean      REAL    NOT NULL,
    conflicting_sources  INTEGER NOT NULL,
    unverified_only      INTEGER NOT NULL,
    demo_readings        INTEGER NOT NULL,
    methodology          INTEGER NOT NULL,
    computed_at          INTEGER NOT NULL,
    -- Date first: a date range is one contiguous range of the table, already in output order (no sort, no lookups).
    PRIMARY KEY (local_date, crossing_id)
) WITHOUT ROWID;
CREATE INDEX ix_daily_summaries_crossing ON daily_summaries (crossing_id, local_date);

-- Readings per source per summary day: the provenance of every export without rescanning readings. Keyed by date
-- first, so the sources of a date range are one contiguous range of the table.
CREATE TABLE daily_summary_sources (
    local_date  TEXT    NOT NULL,
    crossing_id INTEGER NOT NULL,
    source_id   INTEGER NOT NULL,   -- 0: readings without a named source
    readings    INTEGER NOT NULL,
    PRIMARY KEY (local_date, crossing_id, source_id)
) WITHOUT ROWID;

CREATE TRIGGER readings_mark_daily_summaries
AFTER INSERT ON readings
WHEN NEW.status = 'accepted'
BEGIN
    INSERT OR IGNORE INTO daily_summary_dirty (crossing_id, utc_day) VALUES (NEW.crossing_id, NEW.observed_at / 86400000);
END;

-- A correction supersedes the old version: its day loses a reading (the new version marks its own day on insert).
CREATE TRIGGER readings_superseded_mark_daily_summaries
AFTER UPDATE OF superseded_by_id ON readings
WHEN OLD.superseded_by_id IS NULL AND NEW.superseded_by_id IS NOT NULL AND OLD.status = 'accepted'
BEGIN
    INSERT OR IGNORE INTO daily_summary_dirty (crossing_id, utc_day) VALUES (OLD.crossing_id, OLD.observed_at / 86400000);
END;

-- A crossing moved to another time zone has other local days: recompute all of its summaries.
CREATE TRIGGER crossings_time_zone_changed
AFTER UPDATE OF time_zone ON crossings
WHEN NEW.time_zone IS NOT OLD.time_zone
BEGIN
    DELETE FROM daily_summaries WHERE crossing_id = NEW.id;
    DELETE FROM daily_summary_sources WHERE crossing_id = NEW.id;
    INSERT OR IGNORE INTO daily_summary_dirty (crossing_id, utc_day)
        SELECT DISTINCT crossing_id, observed_at / 86400000 FROM readings
        WHERE crossing_id = NEW.id AND superseded_by_id IS NULL AND status = 'accepted';
END;

-- Readings stored before this migration.
INSERT OR IGNORE INTO daily_summary_dirty (crossing_id, utc_day)
    SELECT DISTINCT crossing_id, observed_at / 86400000 FROM readings
    WHERE superseded_by_id IS NULL AND status = 'accepted';
