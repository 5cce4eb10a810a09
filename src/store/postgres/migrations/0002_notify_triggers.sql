-- Changes made outside Commentdesk (an operator's psql, a script) reach every node's caches too:
-- triggers notify on the changes that can hide or alter what pages show, and on the word lists
-- and thresholds. New comments are not watched here: they are many, and NOTIFY in their commits
-- would take the server's notification lock in every one; the nodes announce those themselves.
-- The payload is the one nodes send ("<sender> <bits>", see src/store/postgres/notify.rs); the
-- sender "db" is no node, so every node applies it. Identical notices of one transaction are
-- delivered once. Row triggers: a statement that changes no row (an article stored as it was)
-- tells nobody.
CREATE FUNCTION commentdesk_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('commentdesk.' || current_schema(), 'db ' || TG_ARGV[0]);
    RETURN NULL;
END;
$$;

CREATE TRIGGER articles_notify AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION commentdesk_notify('2');
CREATE TRIGGER comments_notify AFTER UPDATE OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION commentdesk_notify('2');
CREATE TRIGGER moderation_words_notify AFTER INSERT OR UPDATE OR DELETE ON moderation_words
    FOR EACH ROW EXECUTE FUNCTION commentdesk_notify('4');
CREATE TRIGGER moderation_thresholds_notify AFTER INSERT OR UPDATE OR DELETE ON moderation_thresholds
    FOR EACH ROW EXECUTE FUNCTION commentdesk_notify('8');
