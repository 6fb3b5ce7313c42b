-- Issue 3: cameras, their lane calibration and feed state; more about each stored (redacted) image.

-- A camera is a fixed view of a crossing's approach road: polled for snapshots, or fed by uploads and agents.
CREATE TABLE cameras (
    id           INTEGER PRIMARY KEY,
    uid          TEXT    NOT NULL UNIQUE,          -- public id, e.g. 'sg-2701'
    crossing_id  INTEGER NOT NULL REFERENCES crossings(id),
    name         TEXT    NOT NULL,
    feed_format  TEXT    NOT NULL DEFAULT 'none' CHECK (feed_format IN ('none', 'snapshot', 'digitraffic', 'singapore')),
    feed_url     TEXT,                             -- snapshot URL, Digitraffic station URL or traffic-images API URL
    feed_key     TEXT,                             -- Digitraffic preset id or Singapore camera id
    direction    TEXT    NOT NULL DEFAULT 'unknown' CHECK (direction IN ('outbound', 'inbound', 'unknown')),
    poll_seconds INTEGER NOT NULL DEFAULT 60 CHECK (poll_seconds >= 5),
    enabled      INTEGER NOT NULL DEFAULT 1,
    attribution  TEXT,                             -- licence text shown beside its images
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX ix_cameras_crossing ON cameras (crossing_id);

-- Where the queue stands in a camera's picture. Never edited in place: a new calibration supersedes the old one,
-- so a reading can always be traced to the lane it was measured on.
CREATE TABLE lane_profiles (
    id                 INTEGER PRIMARY KEY,
    camera_id          INTEGER NOT NULL REFERENCES cameras(id),
    points             TEXT    NOT NULL,           -- "x,y x,y …" in pixels, from the queue head outward
    widths             TEXT,                       -- "w w …" lane width in pixels at each point
    metres             TEXT,                       -- "m m …" ground distance from the head at each point
    image_width        INTEGER NOT NULL CHECK (image_width > 0),
    image_height       INTEGER NOT NULL CHECK (image_height > 0),
    reference_image_id INTEGER REFERENCES images(id),
    created_at         INTEGER NOT NULL,
    created_by         TEXT    NOT NULL,
    superseded_at      INTEGER
);
CREATE UNIQUE INDEX ux_lane_profiles_current ON lane_profiles (camera_id) WHERE superseded_at IS NULL;

ALTER TABLE images ADD COLUMN camera_id INTEGER REFERENCES cameras(id);
ALTER TABLE images ADD COLUMN kind TEXT NOT NULL DEFAULT 'upload' CHECK (kind IN ('upload', 'frame', 'reference'));
ALTER TABLE images ADD COLUMN faces INTEGER NOT NULL DEFAULT 0;
ALTER TABLE images ADD COLUMN plates INTEGER NOT NULL DEFAULT 0;
ALTER TABLE images ADD COLUMN analysis TEXT;   -- JSON: vehicles, queue end, fraction, metres, confidence
ALTER TABLE images ADD COLUMN observed_at INTEGER;
CREATE INDEX ix_images_crossing ON images (crossing_id, created_at);
CREATE INDEX ix_images_camera ON images (camera_id, created_at);

-- What the feed poller knows about each camera: conditional-GET validators, the last frame, and its back-off.
CREATE TABLE camera_feed_state (
    camera_id         INTEGER PRIMARY KEY REFERENCES cameras(id),
    etag              TEXT,
    last_modified     TEXT,
    frame_key         TEXT,                        -- image URL + source timestamp, or the frame's SHA-256
    last_polled_at    INTEGER,
    last_success_at   INTEGER,
    failures          INTEGER NOT NULL DEFAULT 0,
    next_poll_at      INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT
);
