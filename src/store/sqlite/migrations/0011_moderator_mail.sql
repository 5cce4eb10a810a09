-- Mail to moderators: each chooses an address and what to be sent (a mail for every held
-- threat, a digest of the queue every so many minutes while it is not empty, or nothing).
-- `digest_sent_at` is when the last digest went out (Unix seconds): the node that moves it
-- sends the digest, so several nodes never send one twice.
ALTER TABLE moderators ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);
ALTER TABLE moderators ADD COLUMN notify TEXT NOT NULL DEFAULT 'none' CHECK (notify IN ('threats', 'digest', 'none'));
ALTER TABLE moderators ADD COLUMN digest_minutes INTEGER NOT NULL DEFAULT 60 CHECK (digest_minutes BETWEEN 5 AND 1440);
ALTER TABLE moderators ADD COLUMN digest_sent_at INTEGER;
