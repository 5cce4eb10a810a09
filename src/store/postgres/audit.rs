//! PostgreSQL counterpart of `store::sqlite::audit`: the audit log, append-only (the schema's
//! triggers refuse UPDATE, DELETE and TRUNCATE). Same functions, same types.
use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use crate::error::AppError;
pub use crate::store::sqlite::audit::{Entry, NewEntry};

const COLUMNS: &str = "id, at, moderator, action, comment_id, status_before, status_after, reason, batch, undo_of";

fn from_row(r: &Row) -> Result<Entry, tokio_postgres::Error> {
    Ok(Entry {
        id: r.try_get(0)?,
        at: r.try_get(1)?,
        moderator: r.try_get(2)?,
        action: r.try_get(3)?,
        comment_id: r.try_get(4)?,
        status_before: r.try_get(5)?,
        status_after: r.try_get(6)?,
        reason: r.try_get(7)?,
        batch: r.try_get(8)?,
        undo_of: r.try_get(9)?,
    })
}

fn from_rows(rows: Vec<Row>) -> Result<Vec<Entry>, AppError> {
    Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
}

/// Appends one entry; returns its id.
pub async fn append(c: &impl GenericClient, e: &NewEntry<'_>) -> Result<i64, AppError> {
    let st = c
        .prepare_cached(
            "INSERT INTO audit_log (at, moderator, action, comment_id, status_before, status_after, reason, batch, \
                 undo_of) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .await?;
    let row = c
        .query_one(
            &st,
            &[
                &e.at,
                &e.moderator,
                &e.action,
                &e.comment_id,
                &e.status_before,
                &e.status_after,
                &e.reason,
                &e.batch,
                &e.undo_of,
            ],
        )
        .await?;
    Ok(row.try_get(0)?)
}

/// Newest first, `limit` entries before the id `before` (all when `None`), optionally only one
/// comment's.
pub async fn list(
    c: &impl GenericClient,
    before: Option<i64>,
    limit: usize,
    comment: Option<i64>,
) -> Result<Vec<Entry>, AppError> {
    let st = c
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM audit_log WHERE id < $1 AND ($2::bigint IS NULL OR comment_id = $2) \
             ORDER BY id DESC LIMIT $3"
        ))
        .await?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    from_rows(c.query(&st, &[&before.unwrap_or(i64::MAX), &comment, &limit]).await?)
}

/// Every entry, oldest first, for the exports.
pub async fn all(c: &impl GenericClient) -> Result<Vec<Entry>, AppError> {
    let st = c.prepare_cached(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id")).await?;
    from_rows(c.query(&st, &[]).await?)
}

/// The moderator's last decision batch that was not undone yet: its entries (comment decisions
/// and bans), oldest first.
pub async fn last_undoable_batch(c: &impl GenericClient, moderator: &str) -> Result<Vec<Entry>, AppError> {
    let st = c
        .prepare_cached(
            "SELECT batch FROM audit_log a WHERE moderator = $1 AND action IN ('approve', 'reject', 'spam', 'ban') \
               AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undo_of = a.id) \
             ORDER BY id DESC LIMIT 1",
        )
        .await?;
    let Some(row) = c.query_opt(&st, &[&moderator]).await? else { return Ok(Vec::new()) };
    let batch: String = row.try_get(0)?;
    let st = c
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM audit_log a WHERE moderator = $1 AND batch = $2 \
               AND action IN ('approve', 'reject', 'spam', 'ban') \
               AND NOT EXISTS (SELECT 1 FROM audit_log u WHERE u.undo_of = a.id) ORDER BY id"
        ))
        .await?;
    from_rows(c.query(&st, &[&moderator, &batch]).await?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn decision<'a>(at: i64, action: &'a str, comment: i64, batch: &'a str) -> NewEntry<'a> {
        NewEntry {
            at,
            moderator: "ann",
            action,
            comment_id: Some(comment),
            status_before: Some("pending"),
            status_after: Some("published"),
            reason: "",
            batch,
            undo_of: None,
        }
    }

    #[tokio::test]
    async fn the_log_is_append_only() {
        let Some(pool) = crate::store::postgres::test_pool("audit_append_only").await else { return };
        let c = pool.get().await.unwrap();
        let id =
            append(&c, &NewEntry { at: 1, moderator: "ann", action: "login", ..Default::default() }).await.unwrap();
        assert!(c.execute("UPDATE audit_log SET moderator = 'eve' WHERE id = $1", &[&id]).await.is_err());
        assert!(c.execute("DELETE FROM audit_log", &[]).await.is_err());
        let all = all(&c).await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].id, all[0].moderator.as_str(), all[0].action.as_str()), (id, "ann", "login"));
        assert_eq!((all[0].comment_id, all[0].reason.as_str()), (None, ""));
    }

    #[tokio::test]
    async fn list_pages_newest_first_and_filters_by_comment() {
        let Some(pool) = crate::store::postgres::test_pool("audit_list").await else { return };
        let c = pool.get().await.unwrap();
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(append(&c, &decision(i, "approve", 10 + i % 2, "b")).await.unwrap());
        }
        let page = list(&c, None, 2, None).await.unwrap();
        assert_eq!(page.iter().map(|e| e.id).collect::<Vec<_>>(), vec![ids[4], ids[3]]);
        let next = list(&c, Some(ids[3]), 10, None).await.unwrap();
        assert_eq!(next.iter().map(|e| e.id).collect::<Vec<_>>(), vec![ids[2], ids[1], ids[0]]);
        let odd = list(&c, None, 10, Some(11)).await.unwrap();
        assert_eq!(odd.iter().map(|e| e.id).collect::<Vec<_>>(), vec![ids[3], ids[1]]);
        assert_eq!(all(&c).await.unwrap().iter().map(|e| e.id).collect::<Vec<_>>(), ids);
    }

    #[tokio::test]
    async fn the_last_undoable_batch_skips_undone_ones_and_other_moderators() {
        let Some(pool) = crate::store::postgres::test_pool("audit_last_batch").await else { return };
        let c = pool.get().await.unwrap();
        assert!(last_undoable_batch(&c, "ann").await.unwrap().is_empty());
        let a1 = append(&c, &decision(1, "approve", 1, "one")).await.unwrap();
        let a2 = append(&c, &decision(1, "reject", 2, "one")).await.unwrap();
        let b1 = append(&c, &decision(2, "ban", 3, "two")).await.unwrap();
        append(&c, &NewEntry { moderator: "bob", ..decision(3, "spam", 4, "three") }).await.unwrap();
        append(&c, &NewEntry { at: 4, moderator: "ann", action: "login", batch: "x", ..Default::default() })
            .await
            .unwrap();
        let last = last_undoable_batch(&c, "ann").await.unwrap();
        assert_eq!(last.iter().map(|e| e.id).collect::<Vec<_>>(), vec![b1]);
        append(&c, &NewEntry { action: "undo", undo_of: Some(b1), ..decision(5, "undo", 3, "u") }).await.unwrap();
        let last = last_undoable_batch(&c, "ann").await.unwrap();
        assert_eq!(last.iter().map(|e| e.id).collect::<Vec<_>>(), vec![a1, a2]);
    }
}
