-- Alerts (issue 5): per-crossing thresholds set by analysts, and the alerts they raised.

-- At most one threshold set per crossing; any of the three limits may be left empty, not all of them.
CREATE TABLE alert_thresholds (
    crossing_id    INTEGER PRIMARY KEY REFERENCES crossings(id),
    max_wait_hours REAL CHECK (max_wait_hours IS NULL OR max_wait_hours > 0),
    max_queue_km   REAL CHECK (max_queue_km IS NULL OR max_queue_km > 0),
    max_vehicles   REAL CHECK (max_vehicles IS NULL OR max_vehicles > 0),
    updated_at     INTEGER NOT NULL,
    updated_by     TEXT    NOT NULL,   -- analyst (key) name, as in the audit log
    CHECK (max_wait_hours IS NOT NULL OR max_queue_km IS NOT NULL OR max_vehicles IS NOT NULL)
);

-- An alert is raised when a crossing's fresh estimate goes above a limit; it is a fact, never edited.
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    crossing_id INTEGER NOT NULL REFERENCES crossings(id),
    raised_at   INTEGER NOT NULL,
    observed_at INTEGER NOT NULL,      -- the newest reading of the estimate that crossed the limit
    quantity    TEXT    NOT NULL CHECK (quantity IN ('waitHours', 'queueKm', 'vehicles')),
    value       REAL    NOT NULL,
    threshold   REAL    NOT NULL,
    is_demo     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_alerts_raised ON alerts (raised_at);
