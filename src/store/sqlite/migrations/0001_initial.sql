-- Articles, comments and the install's own settings.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 120),
    title         TEXT NOT NULL CHECK (length(title) > 0),
    description   TEXT NOT NULL,
    source        TEXT NOT NULL,
    byline        TEXT,
    published_at  TEXT NOT NULL,
    body_md       TEXT NOT NULL,
    share_text    TEXT NOT NULL,
    call_to_action TEXT NOT NULL,
    like_text     TEXT NOT NULL,
    question      TEXT NOT NULL,
    comment_prompt TEXT NOT NULL,
    comments_open INTEGER NOT NULL DEFAULT 1 CHECK (comments_open IN (0, 1)),
    premoderation INTEGER NOT NULL DEFAULT 0 CHECK (premoderation IN (0, 1)),
    updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES comments(id),
    depth       INTEGER NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 5),
    author_name TEXT NOT NULL DEFAULT '' CHECK (length(author_name) <= 80),
    -- Keyed hashes only: the author cookie's id and the client address never stored in clear.
    author_key  TEXT,
    ip_hash     TEXT,
    body_md     TEXT NOT NULL CHECK (length(body_md) BETWEEN 1 AND 5000),
    body_html   TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('published', 'pending', 'rejected', 'spam', 'deleted')),
    created_at  INTEGER NOT NULL,
    edited_at   INTEGER
) STRICT;

CREATE INDEX comments_by_article ON comments(article_id, status, id);
CREATE INDEX comments_by_parent ON comments(parent_id);
CREATE INDEX comments_by_author ON comments(author_key) WHERE author_key IS NOT NULL;

-- Why a comment was held or refused, one row per reason, for the moderators.
CREATE TABLE comment_reasons (
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    spans      TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX comment_reasons_by_comment ON comment_reasons(comment_id);
