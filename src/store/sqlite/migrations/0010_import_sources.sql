-- Imports from other comment systems (Isso, WordPress, Disqus) remember where each comment came
-- from, so importing the same file again adds nothing and a newer export adds only what is new.
-- `source` names the system and the site ("wordpress:https://news.example"); `source_id` is the
-- comment's id there. A comment removed later keeps its row (comment_id NULL): a removed comment
-- is not brought back by the next import.
CREATE TABLE imported_comments (
    source      TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    comment_id  INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    imported_at INTEGER NOT NULL,
    PRIMARY KEY (source, source_id)
) STRICT;
CREATE INDEX imported_comments_by_comment ON imported_comments(comment_id) WHERE comment_id IS NOT NULL;

-- Imported history is not a new comment: it is kept whole up to 100,000 characters (new comments
-- keep their 5,000-character limit in the domain). SQLite cannot ALTER a CHECK constraint; its
-- documented way is to edit the table's definition in sqlite_schema, which is safe here because
-- every stored row already satisfies the wider check. RESET makes this connection re-read it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (length(body_md) BETWEEN 1 AND 5000)', 'CHECK (length(body_md) BETWEEN 1 AND 100000)')
 WHERE type = 'table' AND name = 'comments';
PRAGMA writable_schema = RESET;
