-- Reactions ("Respect") and editors' picks.
--
-- One row per reaction a reader gave. Undoing keeps the row and sets `removed_at`, so the "best"
-- order can be recomputed as it stood at any moment (a reader paging through keeps the order of
-- the moment they started; see src/ranking.rs). Times are Unix milliseconds: two changes in the
-- same second must still be told apart.
CREATE TABLE reactions (
    id         INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    -- The keyed hash of the reader's author cookie; never the cookie itself.
    reader_key TEXT NOT NULL,
    -- The keyed hash of the reader's address, for readers without a cookie; erased with the
    -- comments' IP hashes after the retention.
    reader_ip  TEXT,
    created_at INTEGER NOT NULL,
    removed_at INTEGER,
    CHECK (removed_at IS NULL OR removed_at >= created_at)
) STRICT;

-- One standing reaction per reader per comment.
CREATE UNIQUE INDEX reactions_one_per_reader ON reactions(comment_id, reader_key) WHERE removed_at IS NULL;
CREATE INDEX reactions_by_address ON reactions(comment_id, reader_ip) WHERE removed_at IS NULL AND reader_ip IS NOT NULL;
CREATE INDEX reactions_by_reader ON reactions(reader_key, article_id) WHERE removed_at IS NULL;
-- The changes since a moment, per article (the "best" order as it stood then).
CREATE INDEX reactions_added ON reactions(article_id, created_at);
CREATE INDEX reactions_removed ON reactions(article_id, removed_at) WHERE removed_at IS NOT NULL;

-- The standing count per comment, kept in the transaction that adds or undoes a reaction, so
-- pages read it instead of counting. A table of its own, not a column of `comments`: a reaction
-- must not look like a change of the comments (that would rebuild every cached page).
CREATE TABLE reaction_counts (
    comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    count      INTEGER NOT NULL CHECK (count >= 0)
) STRICT;

-- Editors' picks: when and by whom a comment was featured.
ALTER TABLE comments ADD COLUMN featured_at INTEGER;
ALTER TABLE comments ADD COLUMN featured_by TEXT;
CREATE INDEX comments_featured ON comments(article_id, featured_at) WHERE featured_at IS NOT NULL;

-- The audit log learns 'feature' and 'unfeature'. SQLite cannot change a CHECK in place: the
-- table is rebuilt with its rows, indexes and append-only triggers. (DROP TABLE fires no
-- DELETE trigger.)
CREATE TABLE audit_log_new (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    moderator     TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'spam', 'ban', 'undo', 'login',
                                                  'logout', 'article', 'words', 'thresholds',
                                                  'feature', 'unfeature')),
    comment_id    INTEGER,
    status_before TEXT,
    status_after  TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    batch         TEXT NOT NULL DEFAULT '',
    undo_of       INTEGER
) STRICT;
INSERT INTO audit_log_new (id, at, moderator, action, comment_id, status_before, status_after, reason, batch, undo_of)
    SELECT id, at, moderator, action, comment_id, status_before, status_after, reason, batch, undo_of FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;

CREATE INDEX audit_log_by_moderator ON audit_log(moderator, id);
CREATE INDEX audit_log_by_comment ON audit_log(comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX audit_log_by_undo ON audit_log(undo_of) WHERE undo_of IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
