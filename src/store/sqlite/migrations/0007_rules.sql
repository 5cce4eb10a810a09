-- The Rules page: which reasons held a comment and which were only notes for moderators, and the
-- domains whose links never hold a comment (added in the console, over [moderation]
-- trusted_domains).
ALTER TABLE comment_reasons ADD COLUMN action TEXT NOT NULL DEFAULT 'hold'
    CHECK (action IN ('note', 'hold', 'spam'));

-- Reasons stored before this column: on a comment published without a moderator they held
-- nothing; on one refused as spam without a moderator they refused it; the rest held it.
UPDATE comment_reasons SET action = 'note'
 WHERE comment_id IN (SELECT id FROM comments WHERE status = 'published' AND decided_by IS NULL);
UPDATE comment_reasons SET action = 'spam'
 WHERE comment_id IN (SELECT id FROM comments WHERE status = 'spam' AND decided_by IS NULL);

CREATE INDEX comment_reasons_by_code ON comment_reasons(code, comment_id);

CREATE TABLE trusted_domains (
    domain     TEXT PRIMARY KEY CHECK (length(domain) BETWEEN 1 AND 253 AND domain = lower(domain)),
    created_at INTEGER NOT NULL
) STRICT;
