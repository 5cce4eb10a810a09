-- SQLite migration 0006: a report remembers the reader's address (its keyed hash) beside their
-- cookie key, so a reader who clears their cookies cannot report the same comment again.
ALTER TABLE reports ADD COLUMN reporter_ip TEXT;
CREATE INDEX reports_by_address ON reports(comment_id, reporter_ip) WHERE reporter_ip IS NOT NULL;
