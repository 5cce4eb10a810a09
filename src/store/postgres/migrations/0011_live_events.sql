-- Live pages (`GET /articles/{slug}/events`): every change a reader may see happen to an article's
-- published comments, numbered 1, 2, 3… per article. The number is taken in the transaction that
-- makes the change, under the lock of the article's `live_seqs` row, so a later number commits
-- only after every earlier one of the same article: numbers follow commit order without gaps, and
-- a reader who reconnects with `Last-Event-ID: n` is sent exactly the events after n, whichever
-- node they connect to. (Ordering by transaction ids or snapshots across nodes does not give
-- that.) The counter lives in its own table, not in `articles`, whose trigger would notify every
-- node on every comment. Triggers record the events, so every write path is covered. Held,
-- rejected and spam comments make no event until they are published.
CREATE TABLE live_seqs (
    article_id BIGINT PRIMARY KEY,
    seq        BIGINT NOT NULL CHECK (seq >= 0)
);

CREATE TABLE comment_events (
    article_id BIGINT NOT NULL,
    seq        BIGINT NOT NULL CHECK (seq > 0),
    comment_id BIGINT NOT NULL,
    parent_id  BIGINT,
    kind       TEXT NOT NULL CHECK (kind IN ('published', 'edited', 'removed')),
    at         BIGINT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE INDEX comment_events_by_time ON comment_events(at);

CREATE FUNCTION commentdesk_live_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k TEXT;
    aid BIGINT;
    cid BIGINT;
    pid BIGINT;
    n BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'published' THEN RETURN NULL; END IF;
        k := 'published';
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'published' THEN RETURN NULL; END IF;
        k := 'removed';
    ELSIF NEW.status = 'published' AND OLD.status <> 'published' THEN
        k := 'published';
    ELSIF NEW.status <> 'published' AND OLD.status = 'published' THEN
        k := 'removed';
    ELSIF NEW.status = 'published'
        AND (NEW.body_html IS DISTINCT FROM OLD.body_html OR NEW.author_name IS DISTINCT FROM OLD.author_name) THEN
        k := 'edited';
    ELSE
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        aid := OLD.article_id; cid := OLD.id; pid := OLD.parent_id;
    ELSE
        aid := NEW.article_id; cid := NEW.id; pid := NEW.parent_id;
    END IF;
    INSERT INTO live_seqs AS s (article_id, seq) VALUES (aid, 1)
        ON CONFLICT (article_id) DO UPDATE SET seq = s.seq + 1
        RETURNING s.seq INTO n;
    INSERT INTO comment_events (article_id, seq, comment_id, parent_id, kind, at)
        VALUES (aid, n, cid, pid, k, extract(epoch FROM now())::bigint);
    RETURN NULL;
END;
$$;

CREATE TRIGGER comments_live AFTER INSERT OR UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION commentdesk_live_event();
