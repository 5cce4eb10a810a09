-- Reader reports. One report per reader per comment; the reader is identified by their author
-- cookie key, or by the keyed hash of their address when they have no cookie.
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    comment_id   INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL CHECK (reason IN ('spam', 'harassment', 'threat', 'off_topic', 'other')),
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    reporter_key TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    -- Set when a moderator dealt with the comment (approve clears its reports).
    resolved_at  INTEGER,
    UNIQUE (comment_id, reporter_key)
) STRICT;

CREATE INDEX reports_open_by_comment ON reports(comment_id) WHERE resolved_at IS NULL;
