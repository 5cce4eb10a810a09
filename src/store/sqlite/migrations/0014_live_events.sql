-- Live pages (`GET /articles/{slug}/events`): every change a reader may see happen to an article's
-- published comments, numbered 1, 2, 3… per article. The number is taken in the transaction that
-- makes the change, so numbers follow commit order without gaps, and a reader who reconnects with
-- `Last-Event-ID: n` is sent exactly the events after n. Triggers record them, so every write
-- path (new comments, decisions, edits, deletions, reports that hide, imports) is covered.
-- Held, rejected and spam comments make no event until they are published.
CREATE TABLE live_seqs (
    article_id INTEGER PRIMARY KEY,
    seq        INTEGER NOT NULL CHECK (seq >= 0)
) STRICT;

CREATE TABLE comment_events (
    article_id INTEGER NOT NULL,
    seq        INTEGER NOT NULL CHECK (seq > 0),
    comment_id INTEGER NOT NULL,
    parent_id  INTEGER,
    kind       TEXT NOT NULL CHECK (kind IN ('published', 'edited', 'removed')),
    at         INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX comment_events_by_time ON comment_events(at);

CREATE TRIGGER comments_live_insert AFTER INSERT ON comments WHEN NEW.status = 'published'
BEGIN
    INSERT OR IGNORE INTO live_seqs (article_id, seq) VALUES (NEW.article_id, 0);
    UPDATE live_seqs SET seq = seq + 1 WHERE article_id = NEW.article_id;
    INSERT INTO comment_events (article_id, seq, comment_id, parent_id, kind, at)
        SELECT NEW.article_id, seq, NEW.id, NEW.parent_id, 'published', CAST(strftime('%s', 'now') AS INTEGER)
        FROM live_seqs WHERE article_id = NEW.article_id;
END;

CREATE TRIGGER comments_live_update AFTER UPDATE ON comments
WHEN (OLD.status = 'published' OR NEW.status = 'published')
    AND (NEW.status IS NOT OLD.status OR NEW.body_html IS NOT OLD.body_html OR NEW.author_name IS NOT OLD.author_name)
BEGIN
    INSERT OR IGNORE INTO live_seqs (article_id, seq) VALUES (NEW.article_id, 0);
    UPDATE live_seqs SET seq = seq + 1 WHERE article_id = NEW.article_id;
    INSERT INTO comment_events (article_id, seq, comment_id, parent_id, kind, at)
        SELECT NEW.article_id, seq, NEW.id, NEW.parent_id,
            CASE WHEN NEW.status <> 'published' THEN 'removed'
                 WHEN OLD.status <> 'published' THEN 'published'
                 ELSE 'edited' END,
            CAST(strftime('%s', 'now') AS INTEGER)
        FROM live_seqs WHERE article_id = NEW.article_id;
END;

CREATE TRIGGER comments_live_delete AFTER DELETE ON comments WHEN OLD.status = 'published'
BEGIN
    INSERT OR IGNORE INTO live_seqs (article_id, seq) VALUES (OLD.article_id, 0);
    UPDATE live_seqs SET seq = seq + 1 WHERE article_id = OLD.article_id;
    INSERT INTO comment_events (article_id, seq, comment_id, parent_id, kind, at)
        SELECT OLD.article_id, seq, OLD.id, OLD.parent_id, 'removed', CAST(strftime('%s', 'now') AS INTEGER)
        FROM live_seqs WHERE article_id = OLD.article_id;
END;
