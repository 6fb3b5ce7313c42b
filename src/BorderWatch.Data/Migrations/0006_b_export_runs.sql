-- History of scheduled and manual daily exports (issue #6), shown on the Exports page.
CREATE TABLE export_runs (
    id             INTEGER PRIMARY KEY,
    trigger        TEXT    NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    for_date       TEXT    NOT NULL,   -- the local date exported (YYYY-MM-DD)
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    status         TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    rows           INTEGER,
    files          TEXT,               -- JSON array of file names written
    webhook_status INTEGER,            -- HTTP status of the last webhook POST, when one was sent
    error          TEXT                -- the last error, without personal data
);
CREATE INDEX ix_export_runs_started ON export_runs (started_at);
CREATE INDEX ix_export_runs_date ON export_runs (for_date, status);
