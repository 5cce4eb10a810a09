-- The webhook outbox: one row per event and target, written in the same transaction as the
-- change it reports (a new comment, a decision, a report, an edit, a deletion), so a crash keeps
-- both or neither. The delivery worker claims due rows with a lease (`lease_until`), posts them
-- and records the outcome. Times are Unix milliseconds. No foreign key to comments: a delivery
-- outlives a comment an author had removed.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    msg_id          TEXT NOT NULL,
    event           TEXT NOT NULL CHECK (event IN ('comment.published', 'comment.held', 'comment.reported',
                                                   'comment.decided', 'comment.edited', 'comment.deleted')),
    target          TEXT NOT NULL,
    comment_id      INTEGER NOT NULL,
    facts           TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    lease_until     INTEGER,
    last_status     INTEGER,
    last_error      TEXT,
    updated_at      INTEGER,
    UNIQUE (msg_id, target)
) STRICT;
-- The worker's look-up: pending deliveries by when they are due.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
