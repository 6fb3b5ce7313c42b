-- BorderWatch schema v1. Times are Unix milliseconds (UTC) in INTEGER columns: compact, index-friendly,
-- and unambiguous across time zones. Booleans are INTEGER 0/1.

CREATE TABLE crossings (
    id                       INTEGER PRIMARY KEY,
    slug                     TEXT    NOT NULL UNIQUE,
    name                     TEXT    NOT NULL,
    country_a                TEXT    NOT NULL CHECK (length(country_a) = 2),
    country_b                TEXT    NOT NULL CHECK (length(country_b) = 2),
    lat                      REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                      REAL    NOT NULL CHECK (lon BETWEEN -180 AND 180),
    time_zone                TEXT    NOT NULL,
    region                   TEXT    NOT NULL DEFAULT '',
    processing_rate_per_hour REAL    NOT NULL CHECK (processing_rate_per_hour > 0),
    vehicle_spacing_m        REAL    NOT NULL CHECK (vehicle_spacing_m > 0),
    is_builtin               INTEGER NOT NULL DEFAULT 1,
    updated_at               INTEGER NOT NULL
);

-- A source is where readings come from: a feed, a channel, a camera, a web page.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    identity    TEXT    NOT NULL UNIQUE,   -- normalised URL, or 'name:' + lower-cased name
    name        TEXT,
    url         TEXT,
    source_type TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL UNIQUE,   -- SHA-256 of the key; the key itself is never stored
    key_prefix  TEXT    NOT NULL,          -- first characters, to tell keys apart in lists
    role        TEXT    NOT NULL DEFAULT 'ingest',
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

-- Redacted images only; raw uploads are not kept unless an operator turns that on.
CREATE TABLE images (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE,
    crossing_id  INTEGER REFERENCES crossings(id),
    sha256       TEXT    NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    path         TEXT    NOT NULL,
    overlay_path TEXT,
    created_at   INTEGER NOT NULL
);

CREATE TABLE readings (
    id               INTEGER PRIMARY KEY,  -- grows with every insert: clients catch up with ?after=
    crossing_id      INTEGER NOT NULL REFERENCES crossings(id),
    observed_at      INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('image', 'report', 'manual', 'feed', 'agent')),
    direction        TEXT    NOT NULL DEFAULT 'unknown' CHECK (direction IN ('outbound', 'inbound', 'unknown')),
    queue_km         REAL    CHECK (queue_km IS NULL OR queue_km >= 0),
    vehicles         REAL    CHECK (vehicles IS NULL OR vehicles >= 0),
    wait_hours       REAL    CHECK (wait_hours IS NULL OR wait_hours >= 0),
    confidence       REAL    NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    status           TEXT    NOT NULL CHECK (status IN ('accepted', 'pending', 'rejected')),
    source_id        INTEGER REFERENCES sources(id),
    excerpt          TEXT,
    image_id         INTEGER REFERENCES images(id),
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    supersedes_id    INTEGER UNIQUE REFERENCES readings(id),
    superseded_by_id INTEGER UNIQUE REFERENCES readings(id),
    is_demo          INTEGER NOT NULL DEFAULT 0,
    api_key_id       INTEGER REFERENCES api_keys(id),
    CHECK (queue_km IS NOT NULL OR vehicles IS NOT NULL OR wait_hours IS NOT NULL)
);

-- Current versions by crossing and time: estimates, lists and summaries all read through this.
CREATE INDEX ix_readings_current ON readings (crossing_id, observed_at) WHERE superseded_by_id IS NULL;
CREATE INDEX ix_readings_observed ON readings (observed_at);
CREATE INDEX ix_readings_pending ON readings (status) WHERE status = 'pending' AND superseded_by_id IS NULL;

-- Readings are never silently overwritten. The only change allowed is linking a row, once, to its newer version.
CREATE TRIGGER readings_are_immutable
BEFORE UPDATE ON readings
WHEN OLD.superseded_by_id IS NOT NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.crossing_id IS NOT OLD.crossing_id
  OR NEW.observed_at IS NOT OLD.observed_at
  OR NEW.received_at IS NOT OLD.received_at
  OR NEW.kind IS NOT OLD.kind
  OR NEW.direction IS NOT OLD.direction
  OR NEW.queue_km IS NOT OLD.queue_km
  OR NEW.vehicles IS NOT OLD.vehicles
  OR NEW.wait_hours IS NOT OLD.wait_hours
  OR NEW.confidence IS NOT OLD.confidence
  OR NEW.status IS NOT OLD.status
  OR NEW.source_id IS NOT OLD.source_id
  OR NEW.excerpt IS NOT OLD.excerpt
  OR NEW.image_id IS NOT OLD.image_id
  OR NEW.version IS NOT OLD.version
  OR NEW.supersedes_id IS NOT OLD.supersedes_id
  OR NEW.is_demo IS NOT OLD.is_demo
  OR NEW.api_key_id IS NOT OLD.api_key_id
BEGIN
    SELECT RAISE(ABORT, 'readings are immutable: store a correction as a new version');
END;

-- Further sources that reported the same reading (reposts, quotes): they corroborate, they do not add readings.
CREATE TABLE reading_sources (
    reading_id INTEGER NOT NULL REFERENCES readings(id),
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    excerpt    TEXT,
    seen_at    INTEGER NOT NULL,
    PRIMARY KEY (reading_id, source_id)
);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,   -- api key name or analyst name; never personal data of reporters
    action     TEXT    NOT NULL,
    entity     TEXT    NOT NULL,
    entity_id  TEXT,
    detail     TEXT                -- JSON
);
CREATE INDEX ix_audit_entity ON audit (entity, entity_id);
