//! PostgreSQL counterpart of `store::sqlite::reactions`: readers' reactions and editors' picks.
//! `react` is atomic on its own; the caller runs `set_featured` in a transaction.
use deadpool_postgres::GenericClient;

use crate::domain::comment::{Comment, CommentStatus};
use crate::error::AppError;
use crate::store::{Reaction, ReactionRequest, Standing};

use super::audit::{NewEntry, append};
use super::comments::{COLUMNS, from_rows};

/// See `store::sqlite::reactions::react`. Two statements and no explicit transaction: a
/// reaction is the most frequent write of a busy page, and each round trip to the server holds
/// a pooled connection (seven did, with BEGIN and COMMIT), so the change itself is one
/// statement, atomic on its own. Two requests of one reader at once: the unique index lets one
/// insert through (the other does nothing, and the count moves only with an inserted row), and
/// the row lock lets one undo through.
pub async fn react(c: &impl GenericClient, q: &ReactionRequest) -> Result<Reaction, AppError> {
    let st = c.prepare_cached("SELECT article_id, status, author_key FROM comments WHERE id = $1").await?;
    let Some(row) = c.query_opt(&st, &[&q.comment_id]).await? else {
        return Err(AppError::NotFound("comment"));
    };
    let (article_id, status): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
    let author_key: Option<String> = row.try_get(2)?;
    if CommentStatus::parse(&status) != Some(CommentStatus::Published) {
        return Err(AppError::NotFound("comment"));
    }
    if q.is_own(author_key.as_deref()) {
        return Err(AppError::Forbidden(q.own_message()));
    }
    let by_ip: Option<&str> = if q.by_address { q.reader_ip.as_deref() } else { None };
    // Every sub-statement sees the table as it was before the statement, so the count is the
    // changed one when it changed (`RETURNING`) and the stored one when it did not.
    let row = if q.on {
        let st = c
            .prepare_cached(
                "WITH existing AS ( \
                   SELECT 1 FROM reactions WHERE comment_id = $1 AND removed_at IS NULL \
                     AND (reader_key = $2 OR ($3::text IS NOT NULL AND reader_ip = $3)) LIMIT 1), \
                 added AS ( \
                   INSERT INTO reactions (comment_id, article_id, reader_key, reader_ip, created_at) \
                   SELECT $1, $4::bigint, $2, $5::text, $6::bigint WHERE NOT EXISTS (SELECT 1 FROM existing) \
                   ON CONFLICT (comment_id, reader_key) WHERE removed_at IS NULL DO NOTHING \
                   RETURNING 1), \
                 counted AS ( \
                   INSERT INTO reaction_counts (comment_id, article_id, count) \
                   SELECT $1, $4::bigint, 1 FROM added \
                   ON CONFLICT (comment_id) DO UPDATE SET count = reaction_counts.count + 1 \
                   RETURNING count) \
                 SELECT COALESCE((SELECT count FROM counted), \
                                 (SELECT count FROM reaction_counts WHERE comment_id = $1), 0)",
            )
            .await?;
        c.query_one(&st, &[&q.comment_id, &q.reader_key, &by_ip, &article_id, &q.reader_ip, &q.now_ms]).await?
    } else {
        let st = c
            .prepare_cached(
                "WITH target AS ( \
                   SELECT id FROM reactions WHERE comment_id = $1 AND removed_at IS NULL \
                     AND (reader_key = $2 OR ($3::text IS NOT NULL AND reader_ip = $3)) LIMIT 1 FOR UPDATE), \
                 undone AS ( \
                   UPDATE reactions r SET removed_at = GREATEST($4::bigint, r.created_at) FROM target \
                   WHERE r.id = target.id AND r.removed_at IS NULL RETURNING 1), \
                 counted AS ( \
                   UPDATE reaction_counts SET count = count - 1 \
                   WHERE comment_id = $1 AND count > 0 AND EXISTS (SELECT 1 FROM undone) \
                   RETURNING count) \
                 SELECT COALESCE((SELECT count FROM counted), \
                                 (SELECT count FROM reaction_counts WHERE comment_id = $1), 0)",
            )
            .await?;
        c.query_one(&st, &[&q.comment_id, &q.reader_key, &by_ip, &q.now_ms]).await?
    };
    let count: i64 = row.try_get(0)?;
    Ok(Reaction { comment_id: q.comment_id, count, reacted: q.on })
}

pub async fn reacted_by(c: &impl GenericClient, article_id: i64, reader_key: &str) -> Result<Vec<i64>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT comment_id FROM reactions WHERE reader_key = $1 AND article_id = $2 AND removed_at IS NULL",
        )
        .await?;
    let rows = c.query(&st, &[&reader_key, &article_id]).await?;
    Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
}

/// See `store::sqlite::reactions::standings`.
pub async fn standings(c: &impl GenericClient, article_id: i64, as_of_ms: i64) -> Result<Vec<Standing>, AppError> {
    let st = c
        .prepare_cached(
            "WITH added AS (SELECT comment_id, count(*) AS n FROM reactions \
                            WHERE article_id = $1 AND created_at > $2 AND removed_at IS NULL GROUP BY comment_id), \
                  undone AS (SELECT comment_id, count(*) AS n FROM reactions \
                            WHERE article_id = $1 AND removed_at > $2 AND created_at <= $2 GROUP BY comment_id) \
             SELECT c.id, c.parent_id, c.created_at, \
                    COALESCE(rc.count, 0) - COALESCE(a.n, 0) + COALESCE(u.n, 0) \
             FROM comments c \
               LEFT JOIN reaction_counts rc ON rc.comment_id = c.id \
               LEFT JOIN added a ON a.comment_id = c.id \
               LEFT JOIN undone u ON u.comment_id = c.id \
             WHERE c.article_id = $1 AND c.status = 'published' ORDER BY c.id",
        )
        .await?;
    let rows = c.query(&st, &[&article_id, &as_of_ms]).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(Standing {
            id: r.try_get(0)?,
            parent_id: r.try_get(1)?,
            created_at: r.try_get(2)?,
            reactions: r.try_get(3)?,
        });
    }
    Ok(out)
}

/// See `store::sqlite::reactions::set_featured`.
pub async fn set_featured(
    c: &impl GenericClient,
    id: i64,
    on: bool,
    moderator: &str,
    now: i64,
) -> Result<bool, AppError> {
    let st = c.prepare_cached("SELECT status, featured_at IS NOT NULL FROM comments WHERE id = $1 FOR UPDATE").await?;
    let Some(row) = c.query_opt(&st, &[&id]).await? else { return Err(AppError::NotFound("comment")) };
    let (status, featured): (String, bool) = (row.try_get(0)?, row.try_get(1)?);
    if on && status != "published" {
        return Err(AppError::Conflict("Only a published comment can be an editors' pick.".into()));
    }
    if featured == on {
        return Ok(false);
    }
    if on {
        let st = c.prepare_cached("UPDATE comments SET featured_at = $2, featured_by = $3 WHERE id = $1").await?;
        c.execute(&st, &[&id, &now, &moderator]).await?;
    } else {
        let st = c.prepare_cached("UPDATE comments SET featured_at = NULL, featured_by = NULL WHERE id = $1").await?;
        c.execute(&st, &[&id]).await?;
    }
    append(
        c,
        &NewEntry {
            at: now,
            moderator,
            action: if on { "feature" } else { "unfeature" },
            comment_id: Some(id),
            status_before: Some(&status),
            status_after: Some(&status),
            ..Default::default()
        },
    )
    .await?;
    Ok(true)
}

pub async fn featured(c: &impl GenericClient, article_id: i64) -> Result<Vec<Comment>, AppError> {
    let st = c
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM comments WHERE article_id = $1 AND status = 'published' \
               AND featured_at IS NOT NULL ORDER BY featured_at, id"
        ))
        .await?;
    from_rows(&c.query(&st, &[&article_id]).await?)
}
