//! Article rows.
use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::domain::article::{Article, NewArticle, SharePrompts};
use crate::domain::embed::NewEmbedArticle;
use crate::error::AppError;

const COLUMNS: &str = "id, slug, title, description, source, byline, published_at, body_md, share_text, \
     call_to_action, like_text, question, comment_prompt, comments_open, premoderation, url, language";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    let published: String = r.get(6)?;
    Ok(Article {
        id: r.get(0)?,
        slug: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        source: r.get(4)?,
        byline: r.get(5)?,
        published_at: OffsetDateTime::parse(&published, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        body_md: r.get(7)?,
        share: SharePrompts {
            text: r.get(8)?,
            call_to_action: r.get(9)?,
            like_text: r.get(10)?,
            question: r.get(11)?,
            comment_prompt: r.get(12)?,
        },
        comments_open: r.get(13)?,
        premoderation: r.get(14)?,
        url: r.get(15)?,
        language: r.get(16)?,
    })
}

/// Inserts the article, or updates the one with the same slug. Returns its id and whether it was new.
pub fn upsert(conn: &Connection, a: &NewArticle) -> Result<(i64, bool), AppError> {
    let existed: Option<i64> =
        conn.query_row("SELECT id FROM articles WHERE slug = ?1", [a.slug.as_str()], |r| r.get(0)).optional()?;
    let published = a.published_at.format(&Rfc3339).map_err(|e| AppError::internal(e.to_string()))?;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let id = conn.query_row(
        "INSERT INTO articles (slug, title, description, source, byline, published_at, body_md, share_text, \
             call_to_action, like_text, question, comment_prompt, comments_open, premoderation, updated_at, language) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
         ON CONFLICT(slug) DO UPDATE SET title = excluded.title, description = excluded.description, \
             source = excluded.source, byline = excluded.byline, published_at = excluded.published_at, \
             body_md = excluded.body_md, share_text = excluded.share_text, \
             call_to_action = excluded.call_to_action, like_text = excluded.like_text, \
             question = excluded.question, comment_prompt = excluded.comment_prompt, \
             language = excluded.language, \
             updated_at = excluded.updated_at \
         RETURNING id",
        params![
            a.slug.as_str(),
            a.title,
            a.description,
            a.source,
            a.byline,
            published,
            a.body_md,
            a.share.text,
            a.share.call_to_action,
            a.share.like_text,
            a.share.question,
            a.share.comment_prompt,
            a.comments_open,
            a.premoderation,
            now,
            a.language
        ],
        |r| r.get(0),
    )?;
    Ok((id, existed.is_none()))
}

pub fn by_slug(conn: &Connection, slug: &str) -> Result<Option<Article>, AppError> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM articles WHERE slug = ?1"))?;
    Ok(st.query_row([slug], from_row).optional()?)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Article>, AppError> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM articles WHERE id = ?1"))?;
    Ok(st.query_row([id], from_row).optional()?)
}

/// All articles, newest first, with their published comment counts.
pub fn list(conn: &Connection) -> Result<Vec<(Article, i64)>, AppError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, (SELECT count(*) FROM comments c WHERE c.article_id = articles.id AND c.status = 'published') \
         FROM articles ORDER BY unixepoch(published_at) DESC, id DESC"
    ))?;
    let rows = st.query_map([], |r| Ok((from_row(r)?, r.get(17)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn by_url(conn: &Connection, url: &str) -> Result<Option<Article>, AppError> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM articles WHERE url = ?1"))?;
    Ok(st.query_row([url], from_row).optional()?)
}

/// The embed's thread for a page: found by the publisher's slug when they gave one, else by the
/// canonical URL; created (without a body) when there is none. A slug taken by another page
/// gets a hash of this page's URL appended, so two pages never share a thread. Runs on the
/// writer, so two first views of a page cannot both create it.
pub fn embed(conn: &Connection, a: &NewEmbedArticle) -> Result<(Article, bool), AppError> {
    let found = if a.slug_given { by_slug(conn, a.slug.as_str())? } else { by_url(conn, a.url.as_str())? };
    if let Some(found) = found {
        return Ok((found, false));
    }
    let taken = |slug: &str| -> Result<bool, AppError> {
        Ok(conn.query_row("SELECT 1 FROM articles WHERE slug = ?1", [slug], |_| Ok(())).optional()?.is_some())
    };
    // A given slug that is free is used as it is; so is a path slug nobody holds.
    let slug = if !taken(a.slug.as_str())? { a.slug.clone() } else { a.url.unique_slug(&a.slug) };
    // With a given slug the URL may already belong to another thread: the URL stays with that one.
    let url = if by_url(conn, a.url.as_str())?.is_some() { None } else { Some(a.url.as_str()) };
    let published = a.now.format(&Rfc3339).map_err(|e| AppError::internal(e.to_string()))?;
    let id: i64 = conn.query_row(
        "INSERT INTO articles (slug, title, description, source, byline, published_at, body_md, share_text, \
             call_to_action, like_text, question, comment_prompt, comments_open, premoderation, updated_at, url) \
         VALUES (?1, ?2, '', ?3, NULL, ?4, '', '', '', '', '', '', 1, 0, ?5, ?6) RETURNING id",
        params![slug.as_str(), a.title, a.url.host(), published, a.now.unix_timestamp(), url],
        |r| r.get(0),
    )?;
    let created = by_id(conn, id)?.ok_or_else(|| AppError::internal("the new thread vanished"))?;
    Ok((created, true))
}

/// Published comment counts of the threads of these canonical URLs (URLs without a thread are
/// left out).
pub fn counts_by_url(conn: &Connection, urls: &[String]) -> Result<Vec<(String, i64)>, AppError> {
    let mut st = conn.prepare_cached(
        "SELECT a.url, (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published') \
         FROM articles a WHERE a.url = ?1",
    )?;
    let mut out = Vec::with_capacity(urls.len());
    for u in urls {
        if let Some(row) = st.query_row([u], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).optional()? {
            out.push(row);
        }
    }
    Ok(out)
}
