-- The moderator console: accounts, sessions, API tokens, who decided each comment, runtime
-- thresholds, and the append-only audit log.

CREATE TABLE moderators (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role          TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
    -- Argon2id in PHC string format (parameters and salt included); never the password.
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;

-- Browser sessions. Only the SHA-256 of the random cookie token is kept.
CREATE TABLE moderator_sessions (
    token_hash   TEXT PRIMARY KEY,
    moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) STRICT;

CREATE INDEX moderator_sessions_by_moderator ON moderator_sessions(moderator_id);

-- Bearer tokens for the JSON API (`commentdesk moderator token NAME`), hashed like sessions.
CREATE TABLE moderator_tokens (
    token_hash   TEXT PRIMARY KEY,
    moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL
) STRICT;

-- Who last decided a comment, and when: the conflict rule ("already decided by NAME") reads it.
ALTER TABLE comments ADD COLUMN decided_by TEXT;
ALTER TABLE comments ADD COLUMN decided_at INTEGER;

-- Thresholds admins change at run time, over the configured ones (key = a setting name of the
-- [moderation] section).
CREATE TABLE moderation_thresholds (
    key        TEXT PRIMARY KEY,
    value      REAL NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- Every moderator action. Rows name the moderator in clear, so removing an account keeps its
-- history. Append-only: triggers refuse UPDATE and DELETE.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    moderator     TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'spam', 'ban', 'undo', 'login',
                                                  'logout', 'article', 'words', 'thresholds')),
    comment_id    INTEGER,
    status_before TEXT,
    status_after  TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    -- Entries written by one request share a batch (a ban and the rejections it caused, a bulk
    -- action); undo reverts a whole batch.
    batch         TEXT NOT NULL DEFAULT '',
    -- For undo entries: the entry undone.
    undo_of       INTEGER
) STRICT;

CREATE INDEX audit_log_by_moderator ON audit_log(moderator, id);
CREATE INDEX audit_log_by_comment ON audit_log(comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX audit_log_by_undo ON audit_log(undo_of) WHERE undo_of IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE INDEX comments_by_status ON comments(status, id);
