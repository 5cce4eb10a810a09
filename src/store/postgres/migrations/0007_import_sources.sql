-- SQLite migration 0010: imports from other comment systems remember where each comment came
-- from (system and site, and the comment's id there), so importing the same file again adds
-- nothing and a newer export adds only what is new. A removed comment keeps its row
-- (comment_id NULL) so the next import does not bring it back.
CREATE TABLE imported_comments (
    source      TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    comment_id  BIGINT REFERENCES comments(id) ON DELETE SET NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (source, source_id)
);
CREATE INDEX imported_comments_by_comment ON imported_comments(comment_id) WHERE comment_id IS NOT NULL;

-- Imported history is kept whole up to 100,000 characters (new comments keep their 5,000 limit
-- in the domain).
ALTER TABLE comments DROP CONSTRAINT comments_body_md_check;
ALTER TABLE comments ADD CONSTRAINT comments_body_md_check CHECK (char_length(body_md) BETWEEN 1 AND 100000);
