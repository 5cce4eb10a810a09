//! Comment rows. Readers only ever get `published` rows, plus an author's own held ones.
use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;

use crate::domain::comment::{Comment, CommentStatus, FieldError, MAX_DEPTH, NewComment, Reason};
use crate::error::AppError;
use crate::markdown::SanitizedHtml;

const COLUMNS: &str =
    "id, article_id, parent_id, depth, author_name, body_md, body_html, status, created_at, edited_at, author_key";

fn ts(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Comment> {
    let status: String = r.get(7)?;
    let html: String = r.get(6)?;
    Ok(Comment {
        id: r.get(0)?,
        article_id: r.get(1)?,
        parent_id: r.get(2)?,
        depth: r.get(3)?,
        author: r.get(4)?,
        body_md: r.get(5)?,
        // Written only from a `SanitizedHtml` by `insert`/`update_body` below.
        body_html: SanitizedHtml::from_own_row(html),
        status: CommentStatus::parse(&status).unwrap_or(CommentStatus::Pending),
        created_at: ts(r.get(8)?),
        edited_at: r.get::<_, Option<i64>>(9)?.map(ts),
        author_key: r.get(10)?,
    })
}

/// Stores a new comment. The parent must be a published comment of the same article; a reply
/// to a comment at the deepest level becomes that comment's sibling.
pub fn insert(conn: &Connection, c: &NewComment, now: OffsetDateTime) -> Result<i64, AppError> {
    let (parent_id, depth) = match c.parent_id {
        None => (None, 0),
        Some(pid) => {
            let parent: Option<(i64, Option<i64>, i64, String)> = conn
                .prepare_cached("SELECT article_id, parent_id, depth, status FROM comments WHERE id = ?1")?
                .query_row([pid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            match parent {
                Some((aid, grand, d, status)) if aid == c.article_id && status == "published" => {
                    if d >= MAX_DEPTH {
                        (grand, MAX_DEPTH)
                    } else {
                        (Some(pid), d + 1)
                    }
                }
                _ => {
                    return Err(AppError::Validation(vec![FieldError::new(
                        "parent_id",
                        "The comment you are replying to does not exist or is no longer visible.",
                    )]));
                }
            }
        }
    };
    let id = conn
        .prepare_cached(
            "INSERT INTO comments (article_id, parent_id, depth, author_name, author_key, ip_hash, body_md, \
                 body_html, status, created_at, score, fingerprint) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        )?
        .query_row(
            params![
                c.article_id,
                parent_id,
                depth,
                c.author.as_str(),
                c.author_key,
                c.ip_hash,
                c.body.as_str(),
                c.body_html.as_str(),
                c.status.as_str(),
                now.unix_timestamp(),
                c.score,
                c.fingerprint
            ],
            |r| r.get::<_, i64>(0),
        )?;
    insert_reasons(conn, id, &c.reasons)?;
    Ok(id)
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Comment>, AppError> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM comments WHERE id = ?1"))?;
    Ok(st.query_row([id], from_row).optional()?)
}

/// What the article page shows: every published comment of the article, plus the viewer's own
/// held ones, oldest first (the page builds threads from this).
pub fn for_page(conn: &Connection, article_id: i64, viewer_key: Option<&str>) -> Result<Vec<Comment>, AppError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 \
           AND (status = 'published' OR (?2 IS NOT NULL AND author_key = ?2 AND status IN ('pending', 'spam'))) \
         ORDER BY id"
    ))?;
    let rows = st.query_map(params![article_id, viewer_key], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn published_count(conn: &Connection, article_id: i64) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM comments WHERE article_id = ?1 AND status = 'published'")?
        .query_row([article_id], |r| r.get(0))?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Oldest,
    Newest,
}

/// One page of published comments for the JSON API and the feed, keyed by id.
pub fn published_page(
    conn: &Connection,
    article_id: i64,
    sort: Sort,
    after: Option<i64>,
    limit: usize,
) -> Result<Vec<Comment>, AppError> {
    let sql = match sort {
        Sort::Oldest => format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND status = 'published' AND id > ?2 \
             ORDER BY id ASC LIMIT ?3"
        ),
        Sort::Newest => format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND status = 'published' AND id < ?2 \
             ORDER BY id DESC LIMIT ?3"
        ),
    };
    let cursor = after.unwrap_or(match sort {
        Sort::Oldest => 0,
        Sort::Newest => i64::MAX,
    });
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![article_id, cursor, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn insert_reasons(conn: &Connection, id: i64, reasons: &[Reason]) -> Result<(), AppError> {
    let mut st =
        conn.prepare_cached("INSERT INTO comment_reasons (comment_id, code, message, spans) VALUES (?1, ?2, ?3, ?4)")?;
    for r in reasons {
        let spans = serde_json::to_string(&r.spans).map_err(|e| AppError::internal(e.to_string()))?;
        st.execute(params![id, r.code, r.message, spans])?;
    }
    Ok(())
}

/// The reasons stored with a comment, in the order the checks gave them.
pub fn reasons(conn: &Connection, id: i64) -> Result<Vec<Reason>, AppError> {
    let mut st =
        conn.prepare_cached("SELECT code, message, spans FROM comment_reasons WHERE comment_id = ?1 ORDER BY rowid")?;
    let rows = st.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (code, message, spans) = row?;
        out.push(Reason { code, message, spans: serde_json::from_str(&spans).unwrap_or_default() });
    }
    Ok(out)
}

/// The learned score stored with a comment.
pub fn score(conn: &Connection, id: i64) -> Result<Option<f64>, AppError> {
    Ok(conn
        .prepare_cached("SELECT score FROM comments WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Replaces the text of a comment after an edit by its author, with the checks' new findings.
#[allow(clippy::too_many_arguments)]
pub fn update_body(
    conn: &Connection,
    id: i64,
    body_md: &str,
    body_html: &SanitizedHtml,
    status: CommentStatus,
    score: Option<f64>,
    fingerprint: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    conn.execute(
        "UPDATE comments SET body_md = ?2, body_html = ?3, status = ?4, edited_at = ?5, score = ?6, \
             fingerprint = ?7 WHERE id = ?1",
        params![id, body_md, body_html.as_str(), status.as_str(), now.unix_timestamp(), score, fingerprint],
    )?;
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: CommentStatus) -> Result<(), AppError> {
    conn.execute("UPDATE comments SET status = ?2 WHERE id = ?1", params![id, status.as_str()])?;
    Ok(())
}

pub fn replace_reasons(conn: &Connection, id: i64, reasons: &[Reason]) -> Result<(), AppError> {
    conn.execute("DELETE FROM comment_reasons WHERE comment_id = ?1", [id])?;
    insert_reasons(conn, id, reasons)
}

/// Counts by status, for tests and operators.
pub fn count_by_status(conn: &Connection, status: CommentStatus) -> Result<i64, AppError> {
    Ok(conn.query_row("SELECT count(*) FROM comments WHERE status = ?1", [status.as_str()], |r| r.get(0))?)
}
