-- Issue 4: reports (posts, articles, channel messages) and what was extracted from them.
-- The full text of a report is NOT kept: people named in posts may be at risk. A hash of its normalised text lets
-- reposts join the original, and each reading keeps its evidence sentence (readings.excerpt) for the reviewer.
CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    uid             TEXT    NOT NULL UNIQUE,              -- public id
    external_id     TEXT,                                 -- the sender's id (JSONL id, Telegram message id)
    text_hash       TEXT    NOT NULL,                     -- ReportHashing.TextHash of the text
    url_identity    TEXT,                                 -- SourceIdentity of the post's URL
    source_id       INTEGER REFERENCES sources(id),
    language        TEXT,
    published_at    INTEGER,
    received_at     INTEGER NOT NULL,
    text_length     INTEGER NOT NULL CHECK (text_length >= 0),
    duplicate_of_id INTEGER REFERENCES reports(id),       -- a repost: its readings are the original's
    api_key_id      INTEGER REFERENCES api_keys(id)
);
-- One report per URL: posting the same link twice is a duplicate, not a second observation.
CREATE UNIQUE INDEX ux_reports_url ON reports (url_identity) WHERE url_identity IS NOT NULL;
CREATE INDEX ix_reports_text_hash ON reports (text_hash, received_at);

-- For a reading made from a report (its first version): the report, the evidence's hash (so a quote of the same
-- sentence in another post joins this reading), the spans to highlight in readings.excerpt and the reviewer's notes.
CREATE TABLE reading_evidence (
    reading_id    INTEGER PRIMARY KEY REFERENCES readings(id),
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    evidence_hash TEXT    NOT NULL,
    language      TEXT,
    highlights    TEXT,   -- JSON [{"start","length","kind"}] within readings.excerpt
    notes         TEXT,   -- JSON ["…"]
    candidates    TEXT,   -- JSON ["slug"]
    quantities    TEXT    -- JSON [{"field","value","min","max","qualifier","text"}]
);
CREATE INDEX ix_reading_evidence_hash ON reading_evidence (evidence_hash);
CREATE INDEX ix_reading_evidence_report ON reading_evidence (report_id);
CREATE INDEX ix_reading_sources_source ON reading_sources (source_id);
