-- SQLite migration 0009: articles created by the embed carry the canonical URL of their page on
-- the publisher's site and have no body here. One thread per canonical URL.
ALTER TABLE articles ADD COLUMN url TEXT CHECK (url IS NULL OR length(url) BETWEEN 1 AND 2048);
CREATE UNIQUE INDEX articles_by_url ON articles(url) WHERE url IS NOT NULL;
