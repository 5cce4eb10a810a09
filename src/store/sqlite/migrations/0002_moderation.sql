-- Automatic moderation: runtime word lists, banned authors, the learned classifier, and what the
-- checks decided about each comment.

-- Words admins add at run time, on top of the configured lists.
CREATE TABLE moderation_words (
    word       TEXT NOT NULL CHECK (length(trim(word)) BETWEEN 1 AND 200),
    kind       TEXT NOT NULL CHECK (kind IN ('banned', 'suspect')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (word, kind)
) STRICT;

-- Authors whose comments are held silently, by author cookie key or IP hash (keyed hashes only).
CREATE TABLE banned_authors (
    id         INTEGER PRIMARY KEY,
    author_key TEXT,
    ip_hash    TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    CHECK (author_key IS NOT NULL OR ip_hash IS NOT NULL)
) STRICT;

CREATE UNIQUE INDEX banned_authors_by_key ON banned_authors(author_key) WHERE author_key IS NOT NULL;
CREATE UNIQUE INDEX banned_authors_by_ip ON banned_authors(ip_hash) WHERE ip_hash IS NOT NULL;

-- The classifier: one row of totals, and the per-bucket counts of hashed features.
CREATE TABLE classifier_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    buckets     INTEGER NOT NULL CHECK (buckets > 0),
    docs_fine   INTEGER NOT NULL DEFAULT 0 CHECK (docs_fine >= 0),
    docs_hold   INTEGER NOT NULL DEFAULT 0 CHECK (docs_hold >= 0),
    total_fine  INTEGER NOT NULL DEFAULT 0 CHECK (total_fine >= 0),
    total_hold  INTEGER NOT NULL DEFAULT 0 CHECK (total_hold >= 0),
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE classifier_features (
    bucket INTEGER PRIMARY KEY CHECK (bucket >= 0),
    fine   INTEGER NOT NULL DEFAULT 0 CHECK (fine >= 0),
    hold   INTEGER NOT NULL DEFAULT 0 CHECK (hold >= 0)
) STRICT;

-- The learned probability of "hold" when it was computed, and a near-duplicate fingerprint.
ALTER TABLE comments ADD COLUMN score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1));
ALTER TABLE comments ADD COLUMN fingerprint INTEGER;

-- Repeats are looked up among recent comments, and by author and address.
CREATE INDEX comments_by_time ON comments(created_at);
CREATE INDEX comments_by_ip ON comments(ip_hash) WHERE ip_hash IS NOT NULL;
