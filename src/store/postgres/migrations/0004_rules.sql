-- SQLite migration 0007: the Rules page's reason actions and the console's trusted domains.
ALTER TABLE comment_reasons ADD COLUMN action TEXT NOT NULL DEFAULT 'hold'
    CHECK (action IN ('note', 'hold', 'spam'));

UPDATE comment_reasons SET action = 'note'
 WHERE comment_id IN (SELECT id FROM comments WHERE status = 'published' AND decided_by IS NULL);
UPDATE comment_reasons SET action = 'spam'
 WHERE comment_id IN (SELECT id FROM comments WHERE status = 'spam' AND decided_by IS NULL);

CREATE INDEX comment_reasons_by_code ON comment_reasons(code, comment_id);

CREATE TABLE trusted_domains (
    domain     TEXT PRIMARY KEY CHECK (length(domain) BETWEEN 1 AND 253 AND domain = lower(domain)),
    created_at BIGINT NOT NULL
);

-- Another node (or psql) changing the list reloads it everywhere, like the word lists.
CREATE TRIGGER trusted_domains_notify AFTER INSERT OR UPDATE OR DELETE ON trusted_domains
    FOR EACH ROW EXECUTE FUNCTION commentdesk_notify('4');
