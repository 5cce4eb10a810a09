-- Mail to moderators (as SQLite's 0011_moderator_mail): an address, what to be sent, and when
-- the last digest went out.
ALTER TABLE moderators ADD COLUMN email TEXT CHECK (email IS NULL OR char_length(email) BETWEEN 3 AND 254);
ALTER TABLE moderators ADD COLUMN notify TEXT NOT NULL DEFAULT 'none' CHECK (notify IN ('threats', 'digest', 'none'));
ALTER TABLE moderators ADD COLUMN digest_minutes INTEGER NOT NULL DEFAULT 60 CHECK (digest_minutes BETWEEN 5 AND 1440);
ALTER TABLE moderators ADD COLUMN digest_sent_at BIGINT;
