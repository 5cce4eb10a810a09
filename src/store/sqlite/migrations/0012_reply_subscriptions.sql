-- Reply notifications: a reader who gives an address with their comment is mailed when a reply
-- to it is published, once they confirm the address (double opt-in). The address is kept only
-- for this, and goes with the comment, on unsubscribe, and with `author forget`. Links in mails
-- carry a signed subscription id, so no token is stored.
CREATE TABLE reply_subscriptions (
    id           INTEGER PRIMARY KEY,
    comment_id   INTEGER NOT NULL UNIQUE REFERENCES comments(id) ON DELETE CASCADE,
    email        TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    created_at   INTEGER NOT NULL,
    confirmed_at INTEGER
) STRICT;
