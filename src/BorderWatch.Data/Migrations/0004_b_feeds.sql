-- Issue 4: feed polling. Conditional GET state per feed, and the items already stored, so polling twice stores once.
CREATE TABLE feed_state (
    feed          TEXT    PRIMARY KEY,   -- the feed's URL
    etag          TEXT,
    last_modified TEXT,
    polled_at     INTEGER,
    status        INTEGER,               -- HTTP status of the last poll (0: no answer)
    error         TEXT,                  -- why the last poll failed, for the operator
    items_stored  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
    feed     TEXT    NOT NULL,
    item_key TEXT    NOT NULL,
    seen_at  INTEGER NOT NULL,
    PRIMARY KEY (feed, item_key)
) WITHOUT ROWID;
CREATE INDEX ix_feed_items_seen ON feed_items (seen_at);
