//! PostgreSQL counterpart of `store::sqlite::reactions`: readers' reactions and editors' picks.
//! `react` is atomic on its own; the caller runs `set_featured` in a transaction.
use deadpool_postgres::GenericClient;

use crate::domain::comment::Comment;
use crate::error::AppError;
use crate::store::{Reaction, ReactionRequest, Standing};

use super::audit::{NewEntry, append};
use super::comments::{COLUMNS, from_rows};

/// See `store::sqlite::reactions::react`. One statement and no explicit transaction: a
/// reaction is the most frequent write of a busy page, and every round trip holds one of the
/// pool's connections (seven did, with BEGIN and COMMIT), so the comment's check and the change
/// are one statement, atomic on its own. Two requests of one reader at once: the unique index
/// lets one insert through (the other does nothing, and the count moves only with an inserted
/// row), and the row lock lets one undo through.
///
/// The statement answers whether the comment is the reader's own (`NULL`: no published comment
/// with that id) and the count after the change. Every sub-statement sees the tables as they
/// were before the statement, so the count is the changed one when it changed (`RETURNING`) and
/// the stored one when it did not.
pub async fn react(c: &impl GenericClient, q: &ReactionRequest) -> Result<Reaction, AppError> {
    let by_ip: Option<&str> = if q.by_address { q.reader_ip.as_deref() } else { None };
    // The own check is by the cookie alone (see `ReactionRequest::is_own`): `author_key = $2`.
    let row = if q.on {
        let st = c
            .prepare_cached(
                "WITH target AS ( \
                   SELECT id, article_id, COALESCE(author_key = $2, false) AS own \
                   FROM comments WHERE id = $1 AND status = 'published'), \
                 existing AS ( \
                   SELECT 1 FROM reactions WHERE comment_id = $1 AND removed_at IS NULL \
                     AND (reader_key = $2 OR ($3::text IS NOT NULL AND reader_ip = $3)) LIMIT 1), \
                 added AS ( \
                   INSERT INTO reactions (comment_id, article_id, reader_key, reader_ip, created_at) \
                   SELECT t.id, t.article_id, $2, $4::text, $5::bigint FROM target t \
                   WHERE NOT t.own AND NOT EXISTS (SELECT 1 FROM existing) \
                   ON CONFLICT (comment_id, reader_key) WHERE removed_at IS NULL DO NOTHING \
                   RETURNING article_id), \
                 counted AS ( \
                   INSERT INTO reaction_counts (comment_id, article_id, count) \
                   SELECT $1, article_id, 1 FROM added \
                   ON CONFLICT (comment_id) DO UPDATE SET count = reaction_counts.count + 1 \
                   RETURNING count) \
                 SELECT (SELECT own FROM target), \
                        COALESCE((SELECT count FROM counted), \
                                 (SELECT count FROM reaction_counts WHERE comment_id = $1), 0)",
            )
            .await?;
        c.query_one(&st, &[&q.comment_id, &q.reader_key, &by_ip, &q.reader_ip, &q.now_ms]).await?
    } else {
        let st = c
            .prepare_cached(
                "WITH target AS ( \
                   SELECT COALESCE(author_key = $2, false) AS own \
                   FROM comments WHERE id = $1 AND status = 'published'), \
                 picked AS ( \
                   SELECT r.id FROM reactions r, target t \
                   WHERE r.comment_id = $1 AND r.removed_at IS NULL AND NOT t.own \
                     AND (r.reader_key = $2 OR ($3::text IS NOT NULL AND r.reader_ip = $3)) \
                   LIMIT 1 FOR UPDATE OF r), \
                 undone AS ( \
                   UPDATE reactions r SET removed_at = GREATEST($4::bigint, r.created_at) FROM picked \
                   WHERE r.id = picked.id AND r.removed_at IS NULL RETURNING 1), \
                 counted AS ( \
                   UPDATE reaction_counts SET count = count - 1 \
                   WHERE comment_id = $1 AND count > 0 AND EXISTS (SELECT 1 FROM undone) \
                   RETURNING count) \
                 SELECT (SELECT own FROM target), \
                        COALESCE((SELECT count FROM counted), \
                                 (SELECT count FROM reaction_counts WHERE comment_id = $1), 0)",
            )
            .await?;
        c.query_one(&st, &[&q.comment_id, &q.reader_key, &by_ip, &q.now_ms]).await?
    };
    match row.try_get::<_, Option<bool>>(0)? {
        None => Err(AppError::NotFound("comment")),
        Some(true) => Err(AppError::Forbidden(q.own_message())),
        Some(false) => Ok(Reaction { comment_id: q.comment_id, count: row.try_get(1)?, reacted: q.on }),
    }
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
