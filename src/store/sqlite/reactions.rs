//! Readers' reactions ("Respect") and editors' picks. A reaction and its count change in one
//! transaction; neither touches the `comments` table, so cached pages stay valid (see
//! migration 0007 and `routes::reactions`).
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::comment::{Comment, CommentStatus};
use crate::error::AppError;
use crate::store::{Reaction, ReactionRequest, Standing};

use super::audit::{NewEntry, append};
use super::comments::{COLUMNS, from_row};

/// Adds or undoes the reader's reaction; doing what is already done changes nothing. Refused on
/// a comment that is not published (404) and on the reader's own comment (403).
pub fn react(conn: &Connection, q: &ReactionRequest) -> Result<Reaction, AppError> {
    let row: Option<(i64, String, Option<String>)> = conn
        .prepare_cached("SELECT article_id, status, author_key FROM comments WHERE id = ?1")?
        .query_row([q.comment_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((article_id, status, author_key)) = row else {
        return Err(AppError::NotFound("comment"));
    };
    if CommentStatus::parse(&status) != Some(CommentStatus::Published) {
        return Err(AppError::NotFound("comment"));
    }
    if q.is_own(author_key.as_deref()) {
        return Err(AppError::Forbidden(q.own_message()));
    }
    // The reader's standing reaction: by their cookie, or by their address when they came without one.
    let standing: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM reactions WHERE comment_id = ?1 AND removed_at IS NULL \
               AND (reader_key = ?2 OR (?3 IS NOT NULL AND reader_ip = ?3)) LIMIT 1",
        )?
        .query_row(params![q.comment_id, q.reader_key, q.by_address.then_some(q.reader_ip.as_deref()).flatten()], |r| {
            r.get(0)
        })
        .optional()?;
    match (q.on, standing) {
        (true, None) => {
            conn.prepare_cached(
                "INSERT INTO reactions (comment_id, article_id, reader_key, reader_ip, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![q.comment_id, article_id, q.reader_key, q.reader_ip, q.now_ms])?;
            conn.prepare_cached(
                "INSERT INTO reaction_counts (comment_id, article_id, count) VALUES (?1, ?2, 1) \
                 ON CONFLICT (comment_id) DO UPDATE SET count = count + 1",
            )?
            .execute(params![q.comment_id, article_id])?;
        }
        (false, Some(id)) => {
            conn.prepare_cached("UPDATE reactions SET removed_at = max(?2, created_at) WHERE id = ?1")?
                .execute(params![id, q.now_ms])?;
            conn.prepare_cached("UPDATE reaction_counts SET count = count - 1 WHERE comment_id = ?1 AND count > 0")?
                .execute([q.comment_id])?;
        }
        _ => {}
    }
    let count: i64 = conn
        .prepare_cached("SELECT count FROM reaction_counts WHERE comment_id = ?1")?
        .query_row([q.comment_id], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    Ok(Reaction { comment_id: q.comment_id, count, reacted: q.on })
}

/// The comments of the article the reader has a standing reaction on.
pub fn reacted_by(conn: &Connection, article_id: i64, reader_key: &str) -> Result<Vec<i64>, AppError> {
    let mut st = conn.prepare_cached(
        "SELECT comment_id FROM reactions WHERE reader_key = ?1 AND article_id = ?2 AND removed_at IS NULL",
    )?;
    let rows = st.query_map(params![reader_key, article_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every published comment of the article with the reactions it had standing at `as_of_ms`:
/// the stored count, less what was added since, plus what was undone since (one statement, so
/// one snapshot; it reads only the changes after the moment, through their indexes).
pub fn standings(conn: &Connection, article_id: i64, as_of_ms: i64) -> Result<Vec<Standing>, AppError> {
    let mut st = conn.prepare_cached(
        "WITH added AS (SELECT comment_id, count(*) AS n FROM reactions \
                        WHERE article_id = ?1 AND created_at > ?2 AND removed_at IS NULL GROUP BY comment_id), \
              undone AS (SELECT comment_id, count(*) AS n FROM reactions \
                        WHERE article_id = ?1 AND removed_at > ?2 AND created_at <= ?2 GROUP BY comment_id) \
         SELECT c.id, c.parent_id, c.created_at, \
                COALESCE(rc.count, 0) - COALESCE(a.n, 0) + COALESCE(u.n, 0) \
         FROM comments c \
           LEFT JOIN reaction_counts rc ON rc.comment_id = c.id \
           LEFT JOIN added a ON a.comment_id = c.id \
           LEFT JOIN undone u ON u.comment_id = c.id \
         WHERE c.article_id = ?1 AND c.status = 'published' ORDER BY c.id",
    )?;
    let rows = st.query_map(params![article_id, as_of_ms], |r| {
        Ok(Standing { id: r.get(0)?, parent_id: r.get(1)?, created_at: r.get(2)?, reactions: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Features or unfeatures a comment and records it in the audit log; `false` when it already
/// was as asked (nothing recorded). Only a published comment can be featured.
pub fn set_featured(conn: &Connection, id: i64, on: bool, moderator: &str, now: i64) -> Result<bool, AppError> {
    let row: Option<(String, bool)> = conn
        .prepare_cached("SELECT status, featured_at IS NOT NULL FROM comments WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((status, featured)) = row else { return Err(AppError::NotFound("comment")) };
    if on && status != "published" {
        return Err(AppError::Conflict("Only a published comment can be an editors' pick.".into()));
    }
    if featured == on {
        return Ok(false);
    }
    if on {
        conn.execute(
            "UPDATE comments SET featured_at = ?2, featured_by = ?3 WHERE id = ?1",
            params![id, now, moderator],
        )?;
    } else {
        conn.execute("UPDATE comments SET featured_at = NULL, featured_by = NULL WHERE id = ?1", [id])?;
    }
    append(
        conn,
        &NewEntry {
            at: now,
            moderator,
            action: if on { "feature" } else { "unfeature" },
            comment_id: Some(id),
            status_before: Some(&status),
            status_after: Some(&status),
            ..Default::default()
        },
    )?;
    Ok(true)
}

/// The article's published editors' picks, in the order they were picked.
pub fn featured(conn: &Connection, article_id: i64) -> Result<Vec<Comment>, AppError> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM comments WHERE article_id = ?1 AND status = 'published' AND featured_at IS NOT NULL \
         ORDER BY featured_at, id"
    ))?;
    let rows = st.query_map([article_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
