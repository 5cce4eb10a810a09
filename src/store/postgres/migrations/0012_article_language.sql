-- The language an article's page is shown in (front matter `language`); NULL means the site's
-- (`[site] language`).
ALTER TABLE articles ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 12);
